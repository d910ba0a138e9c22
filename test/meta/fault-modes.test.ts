/**
 * The meta-test: every check can fail. For each fault mode the worked example runs against simulators
 * with that fault on, and the scenarios of the requirements it breaks must fail, naming the faulted hop and
 * the requirement. A check that stays green under its fault proves nothing; a requirement no fault can
 * break is a check nobody has seen fail, and is reported as a defect too.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Summary } from '../../support/reports/summary';
import { REQUIREMENTS } from '../../support/requirements';
import { WORKED_EXAMPLE_FAULTS, type FaultMode } from '../../support/simulators/faults';
import { metaWorkDir, runWithFault as runFaulted, RUNS_AT_ONCE, type FaultRun } from './fault-runner';

const FEATURES = [
  'features/worked-example',
  'features/worked-example-depth',
  'features/topology',
  'features/access-record-structured',
  'features/access-document',
];
const work = metaWorkDir('meta');

/**
 * Runs only the scenarios of the broken requirements: that is all the assertions read, and it keeps one
 * run per worked-example fault inside a few minutes. Their Backgrounds still walk the earlier hops, as the full run would.
 */
function runWithFault(fault: FaultMode): Promise<FaultRun> {
  return runFaulted(fault.id, fault.breaks.map((id) => `@${id}`).join(' or '), FEATURES, join(work, fault.id));
}

/** The label the World writes first for a hop ("[PDS] WE-1a …"); a local copy of support/world/checks.ts's. */
const LABEL: Record<FaultMode['hop'], string> = { pds: '[PDS]', sds: '[SDS]', ssp: '[SSP]', provider: '[provider]' };

/**
 * The scenarios tagged with a requirement that failed as the fault must make them fail: a check's failure
 * (a harness crash proves nothing about the check) whose message starts with the hop's label.
 */
function failuresProving(summary: Summary, fault: FaultMode, requirement: string) {
  return summary.results.filter(
    (r) =>
      r.tags.includes(`@${requirement}`) &&
      r.failure?.hop === fault.hop &&
      r.failure.requirement === requirement &&
      r.failure.kind !== 'harness' &&
      r.failure.message.startsWith(LABEL[fault.hop]) &&
      (!fault.names || r.failure.message.includes(fault.names)),
  );
}

describe('every worked-example fault mode makes the checks it breaks fail', { concurrency: RUNS_AT_ONCE }, () => {
  for (const fault of WORKED_EXAMPLE_FAULTS as readonly FaultMode[]) {
    it(`${fault.id} breaks ${fault.breaks.join(', ')} at ${fault.hop}`, { timeout: 60_000 }, async () => {
      const run = await runWithFault(fault);
      const tail = run.output.split('\n').slice(-15).join('\n');
      assert.ok(run.summary, `no summary.json (exit ${run.code}):\n${tail}`);
      const notPassed = run.summary.failures.length;
      console.log(
        `${fault.id.padEnd(34)} ${String(notPassed).padStart(2)} failing scenario(s) ${String(run.ms).padStart(6)} ms`,
      );
      assert.equal(run.code, 1, `exit code with ${fault.id} on:\n${tail}`);
      for (const requirement of fault.breaks) {
        const tagged = run.summary.results.filter((r) => r.tags.includes(`@${requirement}`));
        assert.ok(tagged.length > 0, `no scenario tagged @${requirement} ran`);
        assert.ok(
          failuresProving(run.summary, fault, requirement).length > 0,
          `${fault.id}: no scenario tagged @${requirement} failed naming hop "${fault.hop}" and ${requirement}${fault.names ? ` and saying "${fault.names}"` : ''}; got ${JSON.stringify(
            tagged.map((r) => ({
              scenario: r.scenario,
              status: r.status,
              failure: r.failure && {
                hop: r.failure.hop,
                requirement: r.failure.requirement,
                message: r.failure.message,
              },
            })),
          )}`,
        );
      }
    });
  }
});

describe('every check can be broken', () => {
  it('each worked-example, ARS and DOC requirement of the catalogue is broken by some fault mode', () => {
    const broken = new Set<string>(WORKED_EXAMPLE_FAULTS.flatMap((f) => f.breaks));
    const unbreakable = REQUIREMENTS.filter((r) => /^(WE|ARS|DOC)-/.test(r.id) && !broken.has(r.id)).map((r) => r.id);
    assert.deepEqual(
      unbreakable,
      [],
      `no fault mode can make these fail, so nobody has seen their checks fail: ${unbreakable.join(', ')}`,
    );
  });

  it('each fault names only requirements the catalogue has', () => {
    const known = new Set(REQUIREMENTS.map((r) => r.id));
    const unknown = WORKED_EXAMPLE_FAULTS.flatMap((f) =>
      f.breaks.filter((id) => !known.has(id)).map((id) => `${f.id} → ${id}`),
    );
    assert.deepEqual(unknown, []);
  });
});
