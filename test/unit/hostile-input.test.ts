/**
 * Hostile runner input (issue 20): an endless secret, a 50 MB target file and a 10,000-deep payload each
 * cost one stderr line and exit 2, never an abort or an out-of-memory crash.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { jsonDepthOver, MAX_JSON_DEPTH } from '../../support/limits';
import { validate } from '../../support/fhir/validator';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'gpc-assure.cjs');
const work = mkdtempSync(join(tmpdir(), 'gpc-assure-hostile-'));
after(() => rmSync(work, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

function assertOneLineExit2(r: ReturnType<typeof cli>, names: RegExp) {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, names);
}

const embedded = readFileSync(join(ROOT, 'targets', 'embedded.yaml'), 'utf8');
const deep = (n: number) => `{"resourceType":"Patient","extension":${'['.repeat(n)}${']'.repeat(n)}}`;

describe('hostile runner input exits 2 with one line', () => {
  it('a file: secret pointing at /dev/zero', () => {
    const file = join(work, 'zero.yaml');
    writeFileSync(file, embedded.replace('${GPC_SDS_API_KEY:-embedded-sandbox-key}', 'file:/dev/zero'));
    assertOneLineExit2(cli(['run', '--target', file]), /sds\.apiKey: file \/dev\/zero is not a regular file/);
  });

  it('a file: secret of 2 MiB', () => {
    writeFileSync(join(work, 'big-secret'), Buffer.alloc(2 * 1024 * 1024, 'k'));
    const file = join(work, 'big-secret.yaml');
    writeFileSync(file, embedded.replace('${GPC_SDS_API_KEY:-embedded-sandbox-key}', 'file:big-secret'));
    assertOneLineExit2(
      cli(['run', '--target', file]),
      /sds\.apiKey: file .*big-secret is 2 MiB, over the 256 KiB limit/,
    );
  });

  it('a 50 MB target file', () => {
    const file = join(work, 'huge.yaml');
    writeFileSync(file, `${embedded}\n#${'x'.repeat(50 * 1024 * 1024)}\n`);
    assertOneLineExit2(cli(['run', '--target', file]), /huge\.yaml: \(root\): is 50 MiB, over the 1 MiB limit/);
  });

  it('a 10,000-deep payload given to validate', () => {
    const file = join(work, 'deep.json');
    writeFileSync(file, deep(10_000));
    assertOneLineExit2(cli(['validate', file]), /deep\.json nests deeper than 64 levels/);
  });

  it('a device given to validate', () => {
    assertOneLineExit2(cli(['validate', '/dev/zero']), /is not a regular file/);
  });
});

describe('nesting depth', () => {
  it('is counted without recursion, so 100,000 levels cannot overflow the stack', () => {
    assert.equal(jsonDepthOver(JSON.parse(deep(100_000))), true);
    assert.equal(jsonDepthOver(JSON.parse(deep(MAX_JSON_DEPTH - 2))), false);
  });

  it('a deep body reaching the validator is an error issue, not a crash', () => {
    const issues = validate(JSON.parse(deep(10_000)), { fhirVersion: 'STU3' });
    assert.equal(issues[0].severity, 'error');
    assert.match(issues[0].message, /nests deeper than 64/);
  });
});
