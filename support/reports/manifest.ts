/**
 * Tamper evidence for a reports folder: manifest.json holds the sha256 of every other file in it, written
 * last so it covers everything the run produced. verifyManifest() compares a folder with its manifest and
 * names every file added, removed or changed since. It proves the folder is as the run left it, given a
 * manifest kept out of reach (CI artefact store, a signed copy); it is not a signature.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const MANIFEST_FILE = 'manifest.json';

export interface Manifest {
  algorithm: 'sha256';
  createdAt: string;
  /** Relative path (forward slashes) → hex digest. */
  files: Record<string, string>;
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

export function writeManifest(dir: string): Manifest {
  const manifest: Manifest = { algorithm: 'sha256', createdAt: new Date().toISOString(), files: digests(dir) };
  writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Throws when manifest.json is missing or unreadable: the caller turns that into a usage error. */
export function readManifest(dir: string): Manifest {
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Partial<Manifest>;
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
