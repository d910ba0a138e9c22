/**
 * The hostile-network matrix: 12 transport fault kinds × 4 hops (support/simulators/chaos.ts). For each,
 * the run must complete (exit 1, summary.json written, no stack trace), the scenario that needs the hop must
 * fail naming the hop and the kind (in the message and in summary.json), and a scenario that does not touch
 * the hop must pass. Only one affected and one or two untouched scenarios run per fault: that is all the
 * assertions read, and it keeps the 48 runs near a minute on two cores. The wall time is logged, never
 * asserted: a timed assertion flakes on a busy machine (budgets live in `npm run bench`, as ratios).
 */
import { strict as assert } from 'node:assert';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, describe, it } from 'node:test';
import type { Summary } from '../../support/reports/summary';
import { TRANSPORT_FAULTS, type TransportFaultMode, type TransportHop } from '../../support/simulators/chaos';
import { metaWorkDir, runWithFault, RUNS_AT_ONCE, type FaultRun } from './fault-runner';

/** Tags pick the scenarios from these features. */
const FEATURES = 'features/worked-example';
const work = metaWorkDir('transport');

/**
 * Per hop: the scenario that must fail, and those that must pass. Every worked-example Background starts at
 * PDS, so for a PDS fault the untouched scenarios are the topology checks of a shipped estate (no traffic).
 */
const SELECTION: Record<TransportHop, { affected: string; untouched: string[]; features?: string }> = {
  pds: { affected: '@WE-1a', untouched: ['@TOP-T1'], features: 'features' },
  sds: { affected: '@WE-2a', untouched: ['@WE-1a'] },
  ssp: { affected: '@WE-3a', untouched: ['@WE-1a'] },
  // The SSP refuses an unagreed sender before it would ask the provider.
  provider: { affected: '@WE-3a', untouched: ['@WE-1a', '@WE-3d'] },
};

const label = (hop: TransportHop) => ({ pds: 'PDS', sds: 'SDS', ssp: 'SSP', provider: 'provider' })[hop];

function run(fault: TransportFaultMode): Promise<FaultRun> {
  const { affected, untouched, features } = SELECTION[fault.hop];
  return runWithFault(fault.id, [affected, ...untouched].join(' or '), features ?? FEATURES, join(work, fault.id));
}

/** What is wrong with one run, or [] when the fault was attributed to its hop and kind. */
function problems(fault: TransportFaultMode, r: FaultRun): string[] {
  const out: string[] = [];
  if (r.code !== 1) out.push(`exit code ${r.code}, not 1`);
  // Cucumber prints each failed step's stack, which is expected; a crash shows as an uncaught error instead.
  if (/Unhandled|uncaught|\b(TypeError|ReferenceError|RangeError):/i.test(r.output))
    out.push('a crash on stdout/stderr');
  if (!r.summary) return [...out, 'no summary.json'];
  if (r.summary.errors.length) out.push(`the run broke: ${r.summary.errors.join('; ')}`);
  const s: Summary = r.summary;
  const { affected, untouched } = SELECTION[fault.hop];
  const hit = s.results.filter((x) => x.tags.includes(affected));
  const failure = hit[0]?.failure;
  if (!hit.length) out.push(`no ${affected} scenario ran`);
  else if (hit[0].status !== 'failed') out.push(`${affected} ${hit[0].status}, not failed`);
  else if (!failure) out.push(`${affected} failed with no failure record`);
  else {
    if (failure.hop !== fault.hop) out.push(`hop ${failure.hop}, not ${fault.hop}`);
    if (failure.kind !== fault.names) out.push(`kind ${failure.kind}, not ${fault.names}`);
    if (!failure.message.startsWith(`[${label(fault.hop)}] ${fault.names} `))
      out.push(`message does not name hop and kind: ${failure.message.slice(0, 160)}`);
    const listed = s.failures.find(
      (f) => f.hop === fault.hop && f.kind === fault.names && f.message === failure.message,
    );
    if (!listed) out.push('summary.json failures do not list it with hop and kind');
  }
  for (const tag of untouched) {
    const bad = s.results.filter((x) => x.tags.includes(tag) && x.status !== 'passed');
    if (bad.length || !s.results.some((x) => x.tags.includes(tag)))
      out.push(
        `${tag} (untouched by ${fault.hop}) did not pass: ${bad.map((x) => x.failure?.message ?? x.status).join('; ')}`,
      );
  }
  return out;
}

/** Runs every fault, RUNS_AT_ONCE at a time, once for the whole file. */
async function runAll(): Promise<Map<string, FaultRun>> {
  const results = new Map<string, FaultRun>();
  const queue = [...TRANSPORT_FAULTS];
  const worker = async () => {
    for (let f = queue.shift(); f; f = queue.shift()) results.set(f.id, await run(f));
  };
  await Promise.all(Array.from({ length: RUNS_AT_ONCE }, worker));
  return results;
}

describe('every transport fault is attributed to its hop and kind', { timeout: 300_000 }, async () => {
  const t0 = performance.now();
  const runs = await runAll();
  const wallMs = Math.round(performance.now() - t0);
  const attributed = [...runs].filter(
    ([id, r]) =>
      problems(
        TRANSPORT_FAULTS.find((f) => f.id === id)!,
        r,
      ).length === 0,
  ).length;
  const load = `load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`;
  after(() =>
    console.log(
      `transport matrix: ${attributed}/${TRANSPORT_FAULTS.length} attributed correctly in ${(wallMs / 1000).toFixed(1)} s (${RUNS_AT_ONCE} runs at once, ${load})`,
    ),
  );

  for (const fault of TRANSPORT_FAULTS) {
    it(`${fault.id} fails ${SELECTION[fault.hop].affected} as ${fault.hop}/${fault.names}`, () => {
      const r = runs.get(fault.id)!;
      const found = problems(fault, r);
      assert.deepEqual(found, [], `${fault.id}:\n${found.join('\n')}\n${r.output.split('\n').slice(-10).join('\n')}`);
    });
  }
});
