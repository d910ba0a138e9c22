/**
 * Tamper evidence for a reports folder: manifest.json holds the sha256 of every other file in it, written
 * last so it covers everything the run produced. verifyManifest() compares a folder with its manifest and
 * names every file added, removed or changed since. It proves the folder is as the run left it, given a
 * manifest kept out of reach (CI artefact store, a signed copy); it is not a signature.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { MAX_MANIFEST_BYTES, readBoundedFile } from '../limits';

export const MANIFEST_FILE = 'manifest.json';

export interface Manifest {
  algorithm: 'sha256';
  createdAt: string;
  /** Relative path (forward slashes) → hex digest. */
  files: Record<string, string>;
  /** HMAC-SHA256 of the canonical text (manifestSignature) under the run's evidence key, when it had one. */
  signature?: { algorithm: 'hmac-sha256'; value: string };
}

export interface ManifestCheck {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Every file under dir except the manifest itself, as sorted forward-slash paths. */
function listFiles(dir: string): string[] {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((path) => path !== MANIFEST_FILE)
    .sort();
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function digests(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((path) => [path, sha256(join(dir, path))]));
}

/**
 * The HMAC over algorithm, creation time and every path with its digest, one per line in path order: the
 * JSON's key order or spacing cannot change it, and no file can be added, dropped or re-hashed unseen.
 */
export function manifestSignature(manifest: Manifest, key: Buffer): string {
  const lines = Object.keys(manifest.files)
    .sort()
    .map((path) => `${path}\t${manifest.files[path]}\n`);
  return createHmac('sha256', key).update(`${manifest.algorithm}\n${manifest.createdAt}\n${lines.join('')}`).digest('hex');
}

/** Does the manifest carry a signature that this key made? */
export function signatureVerifies(manifest: Manifest, key: Buffer): boolean {
  const given = Buffer.from(manifest.signature?.value ?? '', 'hex');
  const expected = Buffer.from(manifestSignature(manifest, key), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function writeManifest(dir: string, key?: Buffer): Manifest {
  const manifest: Manifest = { algorithm: 'sha256', createdAt: new Date().toISOString(), files: digests(dir) };
  if (key) manifest.signature = { algorithm: 'hmac-sha256', value: manifestSignature(manifest, key) };
  writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Throws when manifest.json is missing or unreadable: the caller turns that into a usage error. */
export function readManifest(dir: string): Manifest {
  const text = readBoundedFile(join(dir, MANIFEST_FILE), MAX_MANIFEST_BYTES).toString('utf8');
  const manifest = JSON.parse(text) as Partial<Manifest>;
  if (manifest.algorithm !== 'sha256' || !manifest.files || typeof manifest.files !== 'object') {
    throw new Error(`${MANIFEST_FILE} is not a gpc-assure manifest (algorithm sha256 and a files map)`);
  }
  return manifest as Manifest;
}

export function verifyManifest(dir: string, manifest: Manifest): ManifestCheck {
  const now = digests(dir);
  const recorded = manifest.files;
  return {
    added: Object.keys(now).filter((p) => !(p in recorded)),
    removed: Object.keys(recorded).filter((p) => !(p in now)).sort(),
    changed: Object.keys(now).filter((p) => p in recorded && recorded[p] !== now[p]),
  };
}

export const isClean = (check: ManifestCheck) => !check.added.length && !check.removed.length && !check.changed.length;
