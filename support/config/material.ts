/**
 * The target file's references: secrets and key material written as `${ENV_VAR}` (or `${VAR:-default}`) or
 * `file:PATH`, resolved here, registered for redaction, and checked so that a bad certificate, key, PFX or
 * passphrase stops the run before any traffic, naming the key (exit 2), instead of failing every handshake.
 * Messages name keys, variables and files, never values.
 */
import { createPrivateKey } from 'node:crypto';
import { resolve } from 'node:path';
import { createSecureContext } from 'node:tls';
import { registerSecret } from '../evidence/redact';
import type { ClientTls } from '../spine/tls';
import { InputLimitError, MAX_REFERENCE_BYTES, readBoundedFile } from '../limits';

/** How each reference key resolves: a secret text, public PEM text, or a binary secret (a PFX). */
type RefKind = 'secret' | 'pem' | 'secret-binary';

/** Every key that holds a reference, by its dotted path. The schema refuses literals for the secret ones. */
export const REFERENCE_KEYS: Record<string, RefKind> = {
  'pds.accessToken': 'secret',
  'pds.auth.apiKey': 'secret',
  'pds.auth.privateKey': 'secret',
  'sds.apiKey': 'secret',
  'ssp.tls.cert': 'pem',
  'ssp.tls.key': 'secret',
  'ssp.tls.pfx': 'secret-binary',
  'ssp.tls.passphrase': 'secret',
  'ssp.tls.ca': 'pem',
};

export type Problem = [key: string, problem: string];

/** Thrown by the resolvers; target.ts turns it into a ConfigError with the file's name. */
export class MaterialError extends Error {
  constructor(
    readonly key: string,
    readonly problem: string,
  ) {
    super(`${key}: ${problem}`);
  }
}

function readReference(ref: string, key: string, baseDir: string, binary: boolean): string | Buffer {
  const env = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?\}$/.exec(ref);
  if (env) {
    const value = process.env[env[1]] ?? env[2];
    if (value === undefined || value === '') throw new MaterialError(key, `environment variable ${env[1]} is not set`);
    if (!binary) return value;
    // An environment variable cannot carry bytes: a PFX given that way is base64, itself a secret.
    registerSecret(value);
    return Buffer.from(value, 'base64');
  }
  if (!ref.startsWith('file:')) return ref;
  const path = resolve(baseDir, ref.slice('file:'.length));
  try {
    const bytes = readBoundedFile(path, MAX_REFERENCE_BYTES);
    return binary ? bytes : bytes.toString('utf8').trim();
  } catch (err) {
    // Naming the file is safe (the secret is its content) and is what the reader needs.
    if (err instanceof InputLimitError) throw new MaterialError(key, `file ${path} ${err.message}`);
    throw new MaterialError(key, `cannot read file ${path}`);
  }
}

function at(root: unknown, path: string[]): Record<string, unknown> | undefined {
  let node = root;
  for (const p of path) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[p] : undefined;
  return node && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

/** Replaces every reference in the (already schema-checked) target by its value, registering secrets. */
export function resolveReferences(target: unknown, baseDir: string): void {
  for (const [key, kind] of Object.entries(REFERENCE_KEYS)) {
    const parts = key.split('.');
    const parent = at(target, parts.slice(0, -1));
    const leaf = parts[parts.length - 1];
    const ref = parent?.[leaf];
    if (!parent || typeof ref !== 'string') continue;
    const value = readReference(ref, key, baseDir, kind === 'secret-binary');
    if (kind !== 'pem') registerSecret(typeof value === 'string' ? value : value.toString('base64'));
    parent[leaf] = value;
  }
}

/** Combinations of TLS keys that cannot work, each naming the key to fix. Data: a new rule is one row. */
const TLS_RULES: [(t: ClientTls) => boolean, string, string][] = [
  [(t) => !!t.cert && !t.key, 'ssp.tls.key', "required with ssp.tls.cert (the client certificate's private key)"],
  [(t) => !!t.key && !t.cert, 'ssp.tls.cert', 'required with ssp.tls.key (the client certificate the key belongs to)'],
  [(t) => !!t.pfx && !!(t.cert || t.key), 'ssp.tls.pfx', 'give either a PFX or a PEM cert and key, not both'],
  [
    (t) => !!t.passphrase && !t.pfx && !t.key,
    'ssp.tls.passphrase',
    'only meaningful with ssp.tls.pfx or an encrypted ssp.tls.key',
  ],
  [
    (t) => !!t.cert && !/-----BEGIN CERTIFICATE-----/.test(t.cert),
    'ssp.tls.cert',
    'is not a PEM certificate (no BEGIN CERTIFICATE block)',
  ],
  [
    (t) => !!t.ca && !/-----BEGIN CERTIFICATE-----/.test(t.ca),
    'ssp.tls.ca',
    'is not a PEM CA bundle (no BEGIN CERTIFICATE block)',
  ],
];

/** What OpenSSL says when the material does not load, mapped to the key to fix. First match wins. */
const LOAD_FAILURES: [RegExp, string, string][] = [
  [
    /mac verify failure|PKCS12|pkcs12/i,
    'ssp.tls.passphrase',
    'the PFX does not open with this passphrase (or is not a PFX)',
  ],
  [
    /bad decrypt|BAD_DECRYPT|bad password|interrupted or cancelled/i,
    'ssp.tls.passphrase',
    'the encrypted private key does not open with this passphrase',
  ],
  [
    /key values mismatch|KEY_VALUES_MISMATCH/i,
    'ssp.tls.key',
    'the private key does not belong to the certificate in ssp.tls.cert',
  ],
  [/no start line|DECODER|unsupported|bad base64|NO_START_LINE/i, 'ssp.tls.key', 'is not a PEM private key'],
];

/** Checks the client TLS block: the combinations, then whether OpenSSL can actually load it. */
export function tlsProblem(tls: ClientTls | undefined, baseUrl: string | undefined): Problem | undefined {
  if (!tls) return undefined;
  if (!baseUrl?.startsWith('https://')) return ['ssp.tls', 'client TLS needs an https:// ssp.baseUrl'];
  const rule = TLS_RULES.find(([broken]) => broken(tls));
  if (rule) return [rule[1], rule[2]];
  try {
    createSecureContext({ cert: tls.cert, key: tls.key, pfx: tls.pfx, passphrase: tls.passphrase, ca: tls.ca });
    return undefined;
  } catch (err) {
    const text = `${(err as { code?: string }).code ?? ''} ${(err as Error).message}`;
    const hit = LOAD_FAILURES.find(([re]) => re.test(text));
    return hit
      ? [hit[1], hit[2]]
      : ['ssp.tls', `the client TLS material does not load (${(err as { code?: string }).code ?? 'OpenSSL error'})`];
  }
}

/** Checks the PDS signed-JWT block: an RSA private key (RS512), and not alongside a static token. */
export function pdsAuthProblem(pds: { accessToken?: string; auth?: { privateKey: string } }): Problem | undefined {
  if (!pds.auth) return undefined;
  if (pds.accessToken)
    return ['pds.accessToken', 'give either a static access token or pds.auth (signed JWT), not both'];
  try {
    const key = createPrivateKey(pds.auth.privateKey);
    return key.asymmetricKeyType === 'rsa'
      ? undefined
      : ['pds.auth.privateKey', `is a ${key.asymmetricKeyType} key; RS512 needs an RSA private key`];
  } catch {
    return ['pds.auth.privateKey', 'is not a PEM private key (unencrypted PKCS#8 or PKCS#1 RSA)'];
  }
}
