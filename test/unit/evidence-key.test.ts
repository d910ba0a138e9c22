/**
 * A keyed manifest (issue 20): edited reports with a recomputed manifest pass the unkeyed check, which only
 * proves the files match the manifest, but fail `verify-evidence --key`.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { UsageError } from '../../support/cli/usage';
import { verifyEvidenceCommand } from '../../support/cli/verify-evidence';
import { MANIFEST_FILE, writeManifest } from '../../support/reports/manifest';

const work = mkdtempSync(join(tmpdir(), 'gpc-evidence-key-'));
after(() => rmSync(work, { recursive: true, force: true }));
const KEY = 'test-evidence-key-0123456789';
process.env.GPC_TEST_EVIDENCE_KEY = KEY;

function signedFolder(name: string): string {
  const dir = join(work, name);
  const summary = join(dir, 'summary.json');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(summary, '{"allPassed":false}\n');
  writeManifest(dir, Buffer.from(KEY));
  return dir;
}

const run = (dir: string, ...extra: string[]) => verifyEvidenceCommand.run([dir, ...extra]);

test('a signed, untouched folder verifies with its key', async () => {
  const dir = signedFolder('clean');
  assert.equal(await run(dir, '--key', 'env:GPC_TEST_EVIDENCE_KEY'), 0);
  const keyFile = join(work, 'key.txt');
  writeFileSync(keyFile, `${KEY}\n`);
  assert.equal(await run(dir, '--key', `file:${keyFile}`), 0);
  assert.ok(!readFileSync(join(dir, MANIFEST_FILE), 'utf8').includes(KEY), 'the key is not in the manifest');
});

test('summary and manifest both edited: the unkeyed check passes, the keyed one fails', async () => {
  const dir = signedFolder('forged');
  writeFileSync(join(dir, 'summary.json'), '{"allPassed":true}\n');
  writeManifest(dir); // the forger recomputes every hash, but has no key
  assert.equal(await run(dir), 0);
  assert.equal(await run(dir, '--key', 'env:GPC_TEST_EVIDENCE_KEY'), 1);
});

test('a signature copied onto edited digests does not verify', async () => {
  const dir = signedFolder('copied');
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8'));
  writeFileSync(join(dir, 'summary.json'), '{"allPassed":true}\n');
  const forged = writeManifest(dir);
  writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify({ ...forged, signature: manifest.signature }));
  assert.equal(await run(dir, '--key', 'env:GPC_TEST_EVIDENCE_KEY'), 1);
});

test('the wrong key fails; a missing key or a literal key is a usage error', async () => {
  const dir = signedFolder('wrong-key');
  process.env.GPC_TEST_OTHER_KEY = 'another-key';
  assert.equal(await run(dir, '--key', 'env:GPC_TEST_OTHER_KEY'), 1);
  await assert.rejects(run(dir, '--key', 'env:GPC_TEST_UNSET_KEY'), UsageError);
  await assert.rejects(run(dir, '--key', KEY), /env:NAME or file:PATH/);
  await assert.rejects(run(dir, '--key', 'file:/dev/zero'), /not a regular file/);
});
