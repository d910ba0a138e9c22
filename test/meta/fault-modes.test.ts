/**
 * The meta-test: every check can fail. For each fault mode the worked example runs against simulators
 * with that fault on, and the scenarios of the requirements it breaks must fail, naming the faulted hop and
 * the requirement. A check that stays green under its fault proves nothing; a requirement no fault can
 * break is a check nobody has seen fail, and is reported as a defect too.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, describe, it } from 'node:test';
import type { Summary } from '../../support/reports/summary';
import { REQUIREMENTS } from '../../support/requirements';
import { WORKED_EXAMPLE_FAULTS, type FaultMode } from '../../support/simulators/faults';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'gpc-assure.cjs');
const FEATURES = 'features/worked-example';
/** This machine has 2 cores; each run is one Cucumber process plus four simulators. */
const RUNS_AT_ONCE = 2;
const work = mkdtempSync(join(tmpdir(), 'gpc-assure-meta-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface FaultRun {
  code: number | null;
  output: string;
  summary?: Summary;
  ms: number;
}

/**
 * Runs only the scenarios of the broken requirements: that is all the assertions read, and it keeps 34
 * runs inside about a minute. Their Backgrounds still walk the earlier hops, as the full run would.
 */
function runWithFault(fault: FaultMode): Promise<FaultRun> {
  const reports = join(work, fault.id);
  const tags = fault.breaks.map((id) => `@${id}`).join(' or ');
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const args = [BIN, 'run', '--fault', fault.id, '--reports', reports, '--quiet', '--tags', tags, FEATURES];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('close', (code) => {
      let summary: Summary | undefined;
      try {
        summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as Summary;
      } catch {
        // No summary: the assertions below say so, with the run's output.
      }
      done({ code, output, summary, ms: Math.round(performance.now() - t0) });
    });
  });
}

/** The scenarios tagged with a requirement that failed as the fault must make them fail. */
function failuresProving(summary: Summary, fault: FaultMode, requirement: string) {
  return summary.results.filter(
    (r) =>
      r.tags.includes(`@${requirement}`) &&
      r.failure?.hop === fault.hop &&
      r.failure.requirement === requirement &&
      // Named in any case: the World writes "[PDS] WE-1a …".
      r.failure.message.toLowerCase().includes(fault.hop),
  );
}

describe('every worked-example fault mode makes the checks it breaks fail', { concurrency: RUNS_AT_ONCE }, () => {
  for (const fault of WORKED_EXAMPLE_FAULTS as readonly FaultMode[]) {
    it(`${fault.id} breaks ${fault.breaks.join(', ')} at ${fault.hop}`, { timeout: 60_000 }, async () => {
      const run = await runWithFault(fault);
      const tail = run.output.split('\n').slice(-15).join('\n');
      assert.ok(run.summary, `no summary.json (exit ${run.code}):\n${tail}`);
      const notPassed = run.summary.failures.length;
      console.log(`${fault.id.padEnd(34)} ${String(notPassed).padStart(2)} failing scenario(s) ${String(run.ms).padStart(6)} ms`);
      assert.equal(run.code, 1, `exit code with ${fault.id} on:\n${tail}`);
      for (const requirement of fault.breaks) {
        const tagged = run.summary.results.filter((r) => r.tags.includes(`@${requirement}`));
        assert.ok(tagged.length > 0, `no scenario tagged @${requirement} ran`);
        assert.ok(
          failuresProving(run.summary, fault, requirement).length > 0,
          `${fault.id}: no scenario tagged @${requirement} failed naming hop "${fault.hop}" and ${requirement}; got ${JSON.stringify(
            tagged.map((r) => ({ scenario: r.scenario, status: r.status, failure: r.failure && { hop: r.failure.hop, requirement: r.failure.requirement, message: r.failure.message } })),
          )}`,
        );
      }
    });
  }
});

describe('every check can be broken', () => {
  it('each worked-example requirement of the catalogue is broken by some worked-example fault mode', () => {
    const broken = new Set<string>(WORKED_EXAMPLE_FAULTS.flatMap((f) => f.breaks));
    const unbreakable = REQUIREMENTS.filter((r) => r.id.startsWith('WE-') && !broken.has(r.id)).map((r) => r.id);
    assert.deepEqual(unbreakable, [], `no fault mode can make these fail, so nobody has seen their checks fail: ${unbreakable.join(', ')}`);
  });

  it('each fault names only requirements the catalogue has', () => {
    const known = new Set(REQUIREMENTS.map((r) => r.id));
    const unknown = WORKED_EXAMPLE_FAULTS.flatMap((f) => f.breaks.filter((id) => !known.has(id)).map((id) => `${f.id} → ${id}`));
    assert.deepEqual(unknown, []);
  });
});
