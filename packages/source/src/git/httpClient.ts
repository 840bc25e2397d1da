import { type Agent, request as httpRequest } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git';
import type { GitAuth } from './GitBackend.js';

/** Basic or bearer `Authorization` header value for `auth`, or `undefined` when it has neither. */
export function authorizationHeader(auth: GitAuth | undefined): string | undefined {
  if (auth?.bearerToken) return `Bearer ${auth.bearerToken}`;
  if (auth?.username !== undefined || auth?.password !== undefined) {
    return `Basic ${Buffer.from(`${auth.username ?? ''}:${auth.password ?? ''}`).toString('base64')}`;
  }
  return undefined;
}

/** The proxy URL with its credentials, for agents and `http.proxy`. */
export function proxyUrl(proxy: NonNullable<GitAuth['proxy']>): URL {
  const u = new URL(proxy.address.includes('://') ? proxy.address : `http://${proxy.address}`);
  if (proxy.username !== undefined) u.username = encodeURIComponent(proxy.username);
  if (proxy.password !== undefined) u.password = encodeURIComponent(proxy.password);
  return u;
}

function agentFor(url: URL, auth: GitAuth | undefined): Agent | undefined {
  const ca = auth?.caCert ? [...rootCertificates, auth.caCert] : undefined;
  if (auth?.proxy) {
    const p = proxyUrl(auth.proxy);
    return url.protocol === 'https:' ? new HttpsProxyAgent(p, { ca }) : new HttpProxyAgent(p);
  }
  if (url.protocol === 'https:' && ca) return new HttpsAgent({ ca });
  return undefined;
}

/**
 * An isomorphic-git HTTP client over `node:http`/`node:https` that sends the credentials up front,
 * trusts `auth.caCert`, goes through `auth.proxy`, follows up to 5 redirects on GET, and aborts with
 * `signal`.
 */
export function createGitHttpClient(options: { auth?: GitAuth; signal?: AbortSignal }): HttpClient {
  const authorization = authorizationHeader(options.auth);
  const request = async (req: GitHttpRequest, redirects = 0): Promise<GitHttpResponse> => {
    const url = new URL(req.url);
    const headers: Record<string, string> = { ...(req.headers ?? {}) };
    if (authorization) headers.Authorization = authorization;
    let body: Buffer | undefined;
    if (req.body) {
      const chunks: Uint8Array[] = [];
      for await (const c of req.body) chunks.push(c);
      body = Buffer.concat(chunks);
      headers['Content-Length'] = String(body.byteLength);
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const attempt = () =>
      new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
        const agent = agentFor(url, options.auth);
        const r = send(url, { method: req.method ?? 'GET', headers, agent, signal: options.signal }, resolve);
        r.on('error', reject);
        r.end(body);
      });
    // Smart-HTTP requests are read-only: a kept-alive connection the server closed is retried once.
    const res = await attempt().catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNRESET' || e.code === 'EPIPE') return attempt();
      throw e;
    });
    const status = res.statusCode ?? 0;
    if (
      status >= 300 &&
      status < 400 &&
      res.headers.location &&
      (req.method ?? 'GET') === 'GET' &&
      redirects < 5
    ) {
      res.resume();
      return request({ ...req, url: new URL(res.headers.location, url).toString() }, redirects + 1);
    }
    const outHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers))
      if (v !== undefined) outHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
    return {
      url: url.toString(),
      method: req.method ?? 'GET',
      statusCode: status,
      statusMessage: res.statusMessage ?? '',
      headers: outHeaders,
      body: res[Symbol.asyncIterator]() as AsyncIterableIterator<Uint8Array>,
    };
  };
  return { request: (req) => request(req) };
}
