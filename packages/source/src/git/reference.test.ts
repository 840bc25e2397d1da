import { isGitOpsKitError } from '@gitops-kit/core';
import { describe, expect, it } from 'vitest';
import { gitAuthFromSecret } from './auth.js';
import type { RemoteRef } from './GitBackend.js';
import { planCheckout } from './reference.js';
import { formatGitRevision, transformGitRevision } from './revision.js';
import { parseGitUrl, redactUrl, resolveSubmoduleUrl } from './url.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const T = 'c'.repeat(40);
const remote: RemoteRef[] = [
  { name: 'HEAD', oid: A },
  { name: 'refs/heads/main', oid: A },
  { name: 'refs/heads/master', oid: B },
  { name: 'refs/tags/v1.0.0', oid: T, peeled: B },
  { name: 'refs/tags/v1.1.0', oid: A },
  { name: 'refs/tags/v1.2', oid: A },
];

describe('planCheckout (Flux precedence: commit > name > tag > semver > branch)', () => {
  it.each([
    {
      name: 'default branch master',
      input: undefined,
      want: { kind: 'ref', ref: 'refs/heads/master', commit: B },
    },
    {
      name: 'annotated tag peeled',
      input: { tag: 'v1.0.0' },
      want: { kind: 'ref', ref: 'refs/tags/v1.0.0', commit: B },
    },
    {
      name: 'tag beats semver',
      input: { tag: 'v1.0.0', semver: '>=1.1.0' },
      want: { kind: 'ref', commit: B },
    },
    {
      name: 'semver ignores two-part tags',
      input: { semver: '>=1.0.0' },
      want: { kind: 'ref', ref: 'refs/tags/v1.1.0' },
    },
    {
      name: 'name keeps the full ref',
      input: { name: 'refs/heads/main', tag: 'v1.0.0' },
      want: { kind: 'ref', absolute: true, commit: A },
    },
    {
      name: 'peeled name',
      input: { name: 'refs/tags/v1.0.0^{}' },
      want: { kind: 'ref', ref: 'refs/tags/v1.0.0', commit: B },
    },
    {
      name: 'commit beats everything',
      input: { commit: A, name: 'refs/heads/main', branch: 'main' },
      want: { kind: 'commit', branch: 'main' },
    },
  ])('$name', ({ input, want }) => {
    expect(planCheckout(input, remote)).toMatchObject(want);
  });

  it.each([
    { name: 'missing branch', input: { branch: 'x' }, want: 'ReferenceNotFound' },
    { name: 'no semver match', input: { semver: '>=5.0.0' }, want: 'ReferenceNotFound' },
    { name: 'leading slash', input: { name: '/refs/heads/main' }, want: 'InvalidReference' },
    { name: 'short commit', input: { commit: 'abc' }, want: 'InvalidReference' },
  ])('$name -> $want', ({ input, want }) => {
    try {
      planCheckout(input, remote);
      expect.unreachable();
    } catch (e) {
      expect(isGitOpsKitError(e, want)).toBe(true);
    }
  });
});

describe('revisions', () => {
  it.each([
    { name: 'branch', input: { ref: 'refs/heads/main', commit: A }, want: `main@sha1:${A}` },
    { name: 'nested branch', input: { ref: 'refs/heads/feat/x', commit: A }, want: `feat/x@sha1:${A}` },
    { name: 'tag', input: { ref: 'refs/tags/v1', commit: A }, want: `v1@sha1:${A}` },
    {
      name: 'name absolute',
      input: { ref: 'refs/pull/1/head', commit: A, absolute: true },
      want: `refs/pull/1/head@sha1:${A}`,
    },
    { name: 'commit only', input: { commit: A }, want: `sha1:${A}` },
  ])('$name', ({ input, want }) => expect(formatGitRevision(input)).toBe(want));

  it.each([
    { input: `main/${A}`, want: `main@sha1:${A}` },
    { input: `HEAD/${A}`, want: `sha1:${A}` },
    { input: A, want: `sha1:${A}` },
    { input: `main@sha1:${A}`, want: `main@sha1:${A}` },
  ])('transform $input', ({ input, want }) => expect(transformGitRevision(input)).toBe(want));
});

describe('urls and auth', () => {
  it.each(['http://h/r.git', 'https://h/r', 'ssh://git@h:22/r.git'])('accepts %s', (u) =>
    expect(parseGitUrl(u).hostname).toBe('h'),
  );
  it.each(['git@h:r.git', 'file:///r', 'h/r', 'http://'])('rejects %s', (u) =>
    expect(() => parseGitUrl(u)).toThrow(expect.objectContaining({ code: 'InvalidURL' })),
  );
  it('redacts credentials', () => expect(redactUrl('https://u:p@h/r.git')).toBe('https://h/r.git'));
  it.each([
    { input: ['http://h/org/app.git', '../lib.git'], want: 'http://h/org/lib.git' },
    { input: ['http://h/org/app.git', './lib.git'], want: 'http://h/org/app.git/lib.git' },
    { input: ['http://h/org/app.git', 'https://x/y.git'], want: 'https://x/y.git' },
  ])('submodule url $input', ({ input, want }) =>
    expect(resolveSubmoduleUrl(input[0]!, input[1]!)).toBe(want),
  );
  it('reads basic, bearer, CA and proxy; refuses bearer + basic', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    expect(
      gitAuthFromSecret({
        secret: { data: { username: b64('u'), password: b64('p'), 'ca.crt': b64('PEM') } },
      }),
    ).toEqual({
      username: 'u',
      password: 'p',
      caCert: 'PEM',
    });
    expect(
      gitAuthFromSecret({ proxySecret: { stringData: { address: 'http://proxy:3128', username: 'pu' } } }),
    ).toEqual({
      proxy: { address: 'http://proxy:3128', username: 'pu' },
    });
    expect(() => gitAuthFromSecret({ secret: { stringData: { bearerToken: 't', username: 'u' } } })).toThrow(
      expect.objectContaining({ code: 'AuthenticationFailed' }),
    );
    expect(() => gitAuthFromSecret({ proxySecret: { stringData: {} } })).toThrow(
      expect.objectContaining({ code: 'AuthenticationFailed' }),
    );
  });
});
