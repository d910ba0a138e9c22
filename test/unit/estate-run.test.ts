/**
 * Estate runs: several targets in one `gpc-assure run`, each into reports/targets/<name>/, with one
 * combined summary.json (requirement × target matrix, failures by target and hop) and index.html on top.
 * Each target is its own `gpc-assure simulate` (a provider's slots are booked by a run, so two runs must
 * not share one); one feature folder keeps each run to a few seconds.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN, cliIn } from './cli-child';
import type { EstateSummary } from '../../support/reports/estate-report';

const FEATURES = resolve(__dirname, '../../features/worked-example');
const work = mkdtempSync(join(tmpdir(), 'gpc-estate-'));
const simulators: ChildProcess[] = [];

const cli = (args: string[]) => cliIn(work, args);

/** Starts `simulate` and writes a target file named `name` for it. */
async function simulated(name: string, faults: string[] = []): Promise<string> {
  const served = join(work, `${name}.served.yaml`);
  const child = spawn(process.execPath, [BIN, 'simulate', '--write-target', served, ...faults], { stdio: 'ignore' });
  simulators.push(child);
  for (let i = 0; i < 200 && !existsSync(served); i++) await sleep(50);
  const file = join(work, `${name}.yaml`);
  writeFileSync(file, readFileSync(served, 'utf8').replace(/^name: .*$/m, `name: ${name}`));
  return file;
}

const read = (dir: string) => JSON.parse(readFileSync(join(work, dir, 'summary.json'), 'utf8')) as EstateSummary;
let files: Record<string, string> = {};

before(async () => {
  const [north, south, broken] = await Promise.all([
    simulated('north'),
    simulated('south'),
    simulated('broken', ['--fault', 'pds-no-gp']),
  ]);
  files = { north, south, broken };
});
after(() => {
  for (const child of simulators) child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

describe('estate run', () => {
  it('runs every target into its own folder and passes only when all passed', async () => {
    const r = await cli([
      'run',
      '--target',
      files.north,
      '--target',
      files.south,
      '--reports',
      'ok',
      '--concurrency',
      '2',
      FEATURES,
    ]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const summary = read('ok');
    assert.deepEqual(
      summary.estate.targets.map((t) => [t.name, t.allPassed]),
      [
        ['north', true],
        ['south', true],
      ],
    );
    assert.equal(summary.scenarios.total, read('ok/targets/north').scenarios.total * 2);
    assert.equal(read('ok/targets/south').target, 'south', 'each target keeps the single-target summary');
    assert.equal(summary.estate.matrix['WE-1c'].north, 'passed');
    assert.match(readFileSync(join(work, 'ok', 'index.html'), 'utf8'), /Requirement × target/);
    assert.equal((await cli(['verify-evidence', 'ok'])).code, 0);
  });

  it('an estate file; a failing target fails the run, its failures grouped by hop in the matrix', async () => {
    const estate = join(work, 'estate.yaml');
    writeFileSync(estate, `targets:\n  - file: broken.yaml\n    paths: [${FEATURES}]\n`);
    const r = await cli(['run', '--estate', estate, '--reports', 'bad']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const summary = read('bad');
    assert.equal(summary.estate.matrix['WE-1c'].broken, 'failed (pds)');
    assert.ok(summary.estate.failuresByTarget.broken.pds.length > 0);
    assert.deepEqual(
      summary.estate.rootCausesByTarget.broken.map((c) => [c.hop, c.requirement]),
      [['pds', 'WE-1c']],
    );
  });

  it('a bad target file is exit 2 before any run', async () => {
    const r = await cli(['run', '--target', files.north, '--target', join(work, 'missing.yaml'), '--reports', 'none']);
    assert.equal(r.code, 2);
    assert.equal(existsSync(join(work, 'none', 'targets')), false);
    const same = await cli(['run', '--target', files.north, '--target', files.north, '--reports', 'none']);
    assert.equal(same.code, 2);
    assert.match(same.stderr, /both named "north"/);
  });
});
