import type { KubeObject } from '@gitops-kit/core';
import { KustomizationError } from '../errors/KustomizationError.js';
import { marshalGoYaml } from '../substitute/goYaml.js';

/** What `flux build` prints instead of a SOPS-encrypted value. */
export const SopsMask = '**SOPS**';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const isEncrypted = (s: string) => s.includes('sops') && s.includes('ENC[');

/** Go's `base64.StdEncoding.DecodeString` strictness: canonical padded standard alphabet only. */
function decodeStd(raw: string): string | undefined {
  const v = raw.replace(/[\r\n]/g, '');
  if (v.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) return undefined;
  return Buffer.from(v, 'base64').toString('latin1');
}

/**
 * Masks SOPS-encrypted Secret values as `flux build` does (`maskSopsData`), so a build never
 * prints ciphertext or metadata:
 *
 * - a Secret whose YAML holds a `sops:` block with `mac: ENC[` is treated as wholly encrypted: the
 *   `sops` field is removed and every `data` value becomes base64 of `**SOPS**` (every
 *   `stringData` value `**SOPS**`); for `kubernetes.io/dockerconfigjson` Secrets the mask is the
 *   JSON `{"mask":"**SOPS**"}` (base64 in `data`);
 * - otherwise only values that contain `sops` and `ENC[` (after base64 decoding for `data`) are
 *   replaced by base64 of `**SOPS**` (in `stringData` too, as Flux does).
 *
 * Other kinds are returned unchanged. Empty `data` is dropped, as kustomize's `SetDataMap` does.
 *
 * @returns a copy of the object, or the object itself when it is not a Secret.
 * @throws {KustomizationError} `InvalidManifest` when a `data` value is not valid base64.
 * @see https://github.com/fluxcd/flux2/blob/main/internal/build/build.go `maskSopsData`
 */
export function maskSopsData(obj: KubeObject): KubeObject {
  if (obj.kind !== 'Secret') return obj;
  const out: Record<string, unknown> = { ...obj };
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries((obj.data as Record<string, unknown> | undefined) ?? {}))
    data[k] = typeof v === 'string' ? v : String(v ?? '');
  const stringData: Record<string, string> = {};
  for (const [k, v] of Object.entries((obj.stringData as Record<string, unknown> | undefined) ?? {}))
    stringData[k] = typeof v === 'string' ? v : String(v ?? '');
  const yaml = marshalGoYaml(obj);
  if (yaml.includes('sops:') && yaml.includes('mac: ENC[')) {
    delete out.sops;
    const type = typeof obj.type === 'string' ? obj.type : 'Opaque';
    if (type === 'kubernetes.io/dockerconfigjson') {
      const json = JSON.stringify({ mask: SopsMask });
      for (const k of Object.keys(data)) data[k] = b64(json);
      for (const k of Object.keys(stringData)) stringData[k] = json;
    } else {
      for (const k of Object.keys(data)) data[k] = b64(SopsMask);
      for (const k of Object.keys(stringData)) stringData[k] = SopsMask;
    }
  } else {
    for (const [k, v] of Object.entries(data)) {
      const decoded = decodeStd(v);
      if (decoded === undefined) {
        throw new KustomizationError(
          'InvalidManifest',
          `failed to mask secret ${obj.metadata?.name ?? ''} sops data: illegal base64 data in data.${k}`,
          { data: { kind: 'Secret', name: obj.metadata?.name, fieldPath: `data.${k}` } },
        );
      }
      if (isEncrypted(decoded)) data[k] = b64(SopsMask);
    }
    for (const [k, v] of Object.entries(stringData)) if (isEncrypted(v)) stringData[k] = b64(SopsMask);
  }
  if (Object.keys(data).length) out.data = data;
  else delete out.data;
  if (Object.keys(stringData).length) out.stringData = stringData;
  return out as KubeObject;
}
