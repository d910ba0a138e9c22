/**
 * `tsx scripts/bench-deadlines.ts`: the timings the unit tests used to assert with fixed thresholds (which
 * fail on a loaded machine), measured here as ratios and merged into reports/bench.json by name:
 *   - the SSP's 504 against a provider that never answers, compared with the deadline it was given
 *     (ideal 1.0: the SSP gives up on time, neither early nor long after);
 *   - the 504 for the embedded estate's slow practice, compared with how late that practice answers
 *     (below 1.0: the SSP gave up before the late answer came).
 * The validator's per-resource speed, once a unit-test threshold too, is `validation.patient.median` in
 * scripts/bench-validation.ts, compared with FHIR.js.
 */
import { randomUUID } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serviceRoot } from '../support/domain/registry';
import { interaction } from '../support/interactions';
import { benchEntry, mergeBenchEntries, type BenchEntry } from '../support/reports/bench-file';
import { Faults } from '../support/simulators/faults';
import { CONSUMER, PRACTICES, SLOW_PRACTICE, embeddedRegistry } from '../support/simulators/fixtures/estate';
import { startProvider } from '../support/simulators/provider';
import { startSsp } from '../support/simulators/ssp';

const ROOT = resolve(__dirname, '..');
const SSP_DEADLINE_MS = 100;
const ROUNDS = 15;

/** Median milliseconds of `call` over ROUNDS rounds, after one to warm up. */
async function median(call: () => Promise<number>): Promise<number> {
  await call();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    const status = await call();
    if (status !== 504) throw new Error(`expected the SSP's 504, got ${status}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

/** `read metadata` for one practice through an SSP; resolves to the status. */
function metadataVia(sspBase: string, providerBase: string, p: { ods: string; asid: string }) {
  return async () => {
    const res = await fetch(`${sspBase}/${serviceRoot(providerBase, p.ods, 'appointments')}/metadata`, {
      headers: {
        'Ssp-TraceID': randomUUID(),
        'Ssp-From': CONSUMER.asid,
        'Ssp-To': p.asid,
        'Ssp-InteractionID': interaction('read metadata').interactionId,
      },
    });
    await res.arrayBuffer();
    return res.status;
  };
}

async function main(): Promise<void> {
  // A provider that accepts the connection and never answers.
  const sockets: net.Socket[] = [];
  const silent = net.createServer((s) => sockets.push(s));
  await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
  const silentBase = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  const provider = await startProvider({ port: 0, faults: new Faults([]) });
  const deadlineSsp = await startSsp({
    port: 0,
    faults: new Faults([]),
    registry: embeddedRegistry(silentBase),
    timeoutMs: SSP_DEADLINE_MS,
  });
  const estateSsp = await startSsp({
    port: 0,
    faults: new Faults([]),
    registry: embeddedRegistry(provider.baseUrl),
    practiceTimeoutMs: { [SLOW_PRACTICE.ods]: SLOW_PRACTICE.sspDeadlineMs },
  });
  try {
    const silent504 = await median(metadataVia(deadlineSsp.baseUrl, silentBase, PRACTICES[0]));
    const slow504 = await median(metadataVia(estateSsp.baseUrl, provider.baseUrl, SLOW_PRACTICE));
    const entries: BenchEntry[] = [
      benchEntry('ssp.504-silent-provider.median', 'ms', silent504, 'the SSP deadline given', SSP_DEADLINE_MS),
      benchEntry(
        'ssp.504-slow-practice.median',
        'ms',
        slow504,
        'the slow practice answer delay',
        SLOW_PRACTICE.answerDelayMs,
      ),
    ];
    for (const e of entries)
      process.stdout.write(
        `${e.name.padEnd(40)} ${String(e.value).padStart(9)} ${e.unit}   ${e.peer} ${e.peerValue} ${e.unit}   ratio ${e.ratio}\n`,
      );
    mergeBenchEntries(join(ROOT, 'reports', 'bench.json'), entries);
  } finally {
    sockets.forEach((s) => s.destroy());
    await Promise.all([
      deadlineSsp.close(),
      estateSsp.close(),
      provider.close(),
      new Promise((done) => silent.close(done)),
    ]);
  }
}

void main();
