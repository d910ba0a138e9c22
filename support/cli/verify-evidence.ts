/**
 * `gpc-assure verify-evidence DIR`: is a reports folder as the run left it? Compares every file with the
 * sha256 in DIR/manifest.json. Exit 0 untouched, 1 files added, removed or changed (each named), 2 when
 * there is no folder or manifest to check.
 */
import { existsSync } from 'node:fs';
import { isClean, MANIFEST_FILE, readManifest, verifyManifest, type Manifest } from '../reports/manifest';
import { fromCwd } from './paths';
import { UsageError, errorChain, parseCommandArgs, type Command } from './usage';

async function verifyEvidence(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(args, {}, true);
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
  const check = verifyManifest(dir, manifest);
  if (isClean(check)) {
    process.stdout.write(
      `verify-evidence: OK: ${Object.keys(manifest.files).length} files match ${MANIFEST_FILE} (${manifest.createdAt})\n`,
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
    'gpc-assure verify-evidence DIR',
    '  DIR  a reports folder written by `gpc-assure run` (it holds manifest.json, the sha256 of every file).',
    '       Exit 0 when nothing changed, 1 when a file was added, removed or changed, 2 with no manifest.',
  ],
  run: verifyEvidence,
};
