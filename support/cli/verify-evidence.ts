/**
 * `gpc-assure verify-evidence DIR [--key env:NAME|file:PATH]`: is a reports folder as the run left it?
 * Compares every file with the sha256 in DIR/manifest.json and, with --key, checks the manifest's HMAC, so
 * a folder whose reports and manifest were both edited fails. Exit 0 untouched, 1 files added, removed or
 * changed (each named) or a signature missing or wrong, 2 when there is no folder, manifest or key.
 */
import { existsSync } from 'node:fs';
import { readEvidenceKey } from '../reports/evidence-key';
import {
  isClean,
  MANIFEST_FILE,
  readManifest,
  signatureVerifies,
  verifyManifest,
  type Manifest,
} from '../reports/manifest';
import { fromCwd } from './paths';
import { UsageError, errorChain, parseCommandArgs, type Command } from './usage';

const OPTIONS = { key: { type: 'string' } } as const;

async function verifyEvidence(args: string[]): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, OPTIONS, true);
  if (positionals.length !== 1)
    throw new UsageError('give exactly one reports folder, e.g. gpc-assure verify-evidence reports/');
  const dir = fromCwd(positionals[0]);
  if (!existsSync(dir)) throw new UsageError(`no folder ${dir}`);
  let manifest: Manifest;
  try {
    manifest = readManifest(dir);
  } catch (err) {
    throw new UsageError(`cannot read ${MANIFEST_FILE} in ${dir}: ${errorChain(err)}`);
  }
  let key: Buffer | undefined;
  try {
    key = values.key === undefined ? undefined : readEvidenceKey(values.key);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  // Checked first: with a key, a manifest that does not verify says nothing about the files.
  if (key && !signatureVerifies(manifest, key)) {
    const why = manifest.signature ? 'its signature does not verify with this key' : 'it carries no signature';
    process.stdout.write(`verify-evidence: TAMPERED: ${MANIFEST_FILE} cannot be trusted: ${why}\n`);
    return 1;
  }
  const check = verifyManifest(dir, manifest);
  if (isClean(check)) {
    const trust = key ? 'signature verified' : 'unkeyed: it proves only that the files match this manifest';
    process.stdout.write(
      `verify-evidence: OK: ${Object.keys(manifest.files).length} files match ${MANIFEST_FILE} (${manifest.createdAt}; ${trust})\n`,
    );
    return 0;
  }
  const lines = (['added', 'removed', 'changed'] as const).flatMap((kind) =>
    check[kind].map((path) => `  ${kind}: ${path}`),
  );
  process.stdout.write(
    `verify-evidence: TAMPERED: ${lines.length} file(s) differ from ${MANIFEST_FILE}\n${lines.join('\n')}\n`,
  );
  return 1;
}

export const verifyEvidenceCommand: Command = {
  summary: 'check a reports folder against its manifest.json: files added, removed or changed since the run',
  usage: [
    'gpc-assure verify-evidence DIR [--key env:NAME | file:PATH]',
    '  DIR        a reports folder written by `gpc-assure run` (it holds manifest.json, the sha256 of every file).',
    '             Exit 0 when nothing changed, 1 when a file was added, removed or changed, 2 with no manifest.',
    '  --key REF  the key the run signed with (GPC_ASSURE_EVIDENCE_KEY): the manifest must carry its HMAC,',
    '             so edited reports with a recomputed manifest fail (exit 1)',
  ],
  run: verifyEvidence,
};
