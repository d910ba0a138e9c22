/**
 * The key that makes a manifest trustworthy: an HMAC-SHA256 over its digests, so whoever edits a report
 * and recomputes the manifest's hashes still cannot produce a manifest that verifies. The run signs with
 * GPC_ASSURE_EVIDENCE_KEY when it is set; `verify-evidence --key env:NAME | file:PATH` checks it. The key
 * is a secret: registered for redaction, never named by value.
 */
import { registerSecret } from '../evidence/redact';
import { InputLimitError, MAX_REFERENCE_BYTES, readBoundedFile } from '../limits';

export const EVIDENCE_KEY_ENV = 'GPC_ASSURE_EVIDENCE_KEY';

/** The run's signing key, or undefined (an unkeyed manifest). */
export function evidenceKeyFromEnv(): Buffer | undefined {
  const value = process.env[EVIDENCE_KEY_ENV];
  if (!value) return undefined;
  registerSecret(value);
  return Buffer.from(value, 'utf8');
}

/** `env:NAME` or `file:PATH` (whitespace around a file's key is trimmed); throws a message naming the reference. */
export function readEvidenceKey(ref: string): Buffer {
  const env = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(ref);
  if (env) {
    const value = process.env[env[1]];
    if (!value) throw new Error(`--key ${ref}: environment variable ${env[1]} is not set`);
    registerSecret(value);
    return Buffer.from(value, 'utf8');
  }
  if (!ref.startsWith('file:'))
    throw new Error(`--key must be env:NAME or file:PATH (a key on the command line would show in ps), not "${ref}"`);
  const path = ref.slice('file:'.length);
  let text: string;
  try {
    text = readBoundedFile(path, MAX_REFERENCE_BYTES).toString('utf8').trim();
  } catch (err) {
    throw new Error(`--key ${ref}: ${err instanceof InputLimitError ? err.message : 'cannot read the file'}`, {
      cause: err,
    });
  }
  if (!text) throw new Error(`--key ${ref}: the file is empty`);
  registerSecret(text);
  return Buffer.from(text, 'utf8');
}
