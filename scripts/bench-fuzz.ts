/**
 * `tsx scripts/bench-fuzz.ts [--requests N]`: 10,000 hostile requests (scripts/fuzz-cases.ts) to each
 * service, loopback only: the four simulators of `gpc-assure simulate`, then the three recording proxies of
 * `gpc-assure consumer`, each run as the user runs it (a child process of bin/gpc-assure.cjs). Reports per
 * service the answers, crashes (the process died), hangs (no answer and no close within the deadline),
 * silent closes and error answers that are not OperationOutcomes; per process the resident memory before
 * and after; and for consumer mode, how long SIGTERM under load takes to leave its judged reports.
 * Merged into reports/bench.json (memory after / before, the budget is 2) and written in full to
 * reports/bench-fuzz.json. Bounded: a fixed count, a per-request deadline, an overall deadline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchEntry, mergeBenchEntries, type BenchEntry } from '../support/reports/bench-file';
import { drawCase, seeded, type FuzzCase, type FuzzContext } from './fuzz-cases';

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'bin', 'gpc-assure.cjs');
const CONCURRENCY = 48;
/** A request that neither answers nor closes in this long hangs. */
const ANSWER_DEADLINE_MS = 15_000;
/** A stalled client must be timed out by the server's request timeout (30 s) within this. */
const STALL_DEADLINE_MS = 45_000;
/** Consumer mode must have judged and written its reports this soon after SIGTERM. */
const SIGTERM_BUDGET_MS = 5_000;
const OVERALL_DEADLINE_MS = 10 * 60_000;
const IDLE_BEFORE_MEASURING_MS = 5_000;

const { values } = parseArgs({
  options: { requests: { type: 'string' }, seed: { type: 'string' }, keep: { type: 'string' } },
});
const REQUESTS = Number(values.requests ?? 10_000);
const SEED = Number(values.seed ?? 20);

type Verdict = 'answered' | 'hang' | 'silent-close' | 'not-outcome' | 'timed-out-stall';

interface ServiceResult {
  service: string;
  requests: number;
  verdicts: Record<Verdict, number>;
  /** A few examples of each bad verdict, by case name. */
  examples: Partial<Record<Verdict, string[]>>;
}

interface Exchange {
  verdict: Verdict;
}

/** Status and body of the first HTTP response in `bytes`, once it is complete. */
function firstResponse(bytes: Buffer): { status: number; body: string } | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const head = bytes.toString('latin1', 0, end);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]);
  const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? NaN);
  if (!status) return { status: 0, body: head };
  if (Number.isNaN(length) || bytes.length < end + 4 + length) return undefined;
  return { status, body: bytes.toString('utf8', end + 4, end + 4 + length) };
}

const isOutcome = (body: string) => {
  try {
    return (JSON.parse(body) as { resourceType?: string }).resourceType === 'OperationOutcome';
  } catch {
    return false;
  }
};

/** One hostile exchange on a fresh socket. */
function exchange(port: number, fuzz: FuzzCase, ctx: FuzzContext): Promise<Exchange> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (verdict: Verdict) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      done({ verdict });
    };
    const judge = () => {
      const answer = firstResponse(Buffer.concat(chunks));
      if (!answer) return undefined;
      if (answer.status >= 400 && !isOutcome(answer.body)) return 'not-outcome';
      return 'answered';
    };
    const timer = setTimeout(() => finish('hang'), fuzz.stalls ? STALL_DEADLINE_MS : ANSWER_DEADLINE_MS);
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      const verdict = judge();
      if (verdict) finish(verdict);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const verdict = judge();
      if (verdict) finish(verdict);
      else finish(fuzz.stalls ? 'timed-out-stall' : chunks.length ? 'not-outcome' : 'silent-close');
    });
    socket.on('connect', async () => {
      for (const part of fuzz.bytes(ctx)) {
        if (socket.destroyed) return;
        if (!socket.write(part)) await new Promise((r) => socket.once('drain', r).once('close', r));
      }
    });
  });
}

async function fuzzService(service: string, port: number, ctx: FuzzContext): Promise<ServiceResult> {
  const result: ServiceResult = {
    service,
    requests: REQUESTS,
    verdicts: { answered: 0, hang: 0, 'silent-close': 0, 'not-outcome': 0, 'timed-out-stall': 0 },
    examples: {},
  };
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      next++;
      const fuzz = drawCase(ctx.random);
      const { verdict } = await exchange(port, fuzz, ctx);
      result.verdicts[verdict]++;
      if (verdict !== 'answered' && verdict !== 'timed-out-stall') {
        const list = (result.examples[verdict] ??= []);
        if (list.length < 5 && !list.includes(fuzz.name)) list.push(fuzz.name);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return result;
}

/** Resident memory of a process, in MiB (Linux /proc). */
function rssMiB(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

interface Started {
  child: ChildProcess;
  /** Service name → port, from the lines the command prints. */
  ports: Record<string, number>;
  exited: Promise<number | null>;
  crashed(): boolean;
}

function start(args: string[], expected: number): Promise<Started> {
  return new Promise((resolvePorts, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let exitedCode: number | null | undefined;
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r((exitedCode = code))));
    const ports: Record<string, number> = {};
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      for (const m of out.matchAll(/^(\w+)\s+(?:listening|recording) on http:\/\/127\.0\.0\.1:(\d+)/gm))
        ports[m[1]] = Number(m[2]);
      if (Object.keys(ports).length === expected)
        resolvePorts({ child, ports, exited, crashed: () => exitedCode !== undefined });
    });
    child.stderr!.on('data', (d) => process.stderr.write(d));
    exited.then(() => reject(new Error(`gpc-assure ${args[0]} exited before serving: ${out}`)));
  });
}

/** The path each service answers something real on (a wrong-but-plausible request). */
const HONEST: Record<string, string> = {
  pds: '/personal-demographics/FHIR/R4/Patient/9000000009',
  sds: '/spine-directory/FHIR/R4/Endpoint?organization=https://fhir.nhs.uk/Id/ods-organization-code|A11111',
  ssp: '/https://provider.invalid/A11111/STU3/1/gpconnect/metadata',
  provider: '/A11111/STU3/1/gpconnect/metadata',
};
const basePath = (honest: string) => honest.split('/').slice(0, -1).join('/');

async function fuzzProcess(
  label: string,
  started: Started,
): Promise<{ results: ServiceResult[]; before: number; after: number }> {
  await new Promise((r) => setTimeout(r, 1_000));
  const pid = started.child.pid!;
  const before = rssMiB(pid);
  const random = seeded(SEED);
  const results = await Promise.all(
    Object.entries(started.ports).map(([service, port]) =>
      fuzzService(service, port, { basePath: basePath(HONEST[service]), honestPath: HONEST[service], random }),
    ),
  );
  // Measured once the process has idled a moment, as V8 returns freed heap only after an idle collection.
  await new Promise((r) => setTimeout(r, IDLE_BEFORE_MEASURING_MS));
  const after = rssMiB(pid);
  console.log(`${label}: resident memory ${before.toFixed(0)} MiB before, ${after.toFixed(0)} MiB after`);
  for (const r of results)
    console.log(
      `  ${r.service.padEnd(8)} ${r.requests} requests: ${Object.entries(r.verdicts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}${Object.keys(r.examples).length ? ` (${JSON.stringify(r.examples)})` : ''}`,
    );
  return { results, before, after };
}

/** SIGTERM while honest requests keep arriving: how long until the judged reports are on disk and it exits. */
async function sigtermUnderLoad(
  started: Started,
  port: number,
  reports: string,
): Promise<{ ms: number; reportsWritten: boolean }> {
  let loading = true;
  const random = seeded(SEED + 1);
  const load = Array.from({ length: CONCURRENCY }, async () => {
    const honest: FuzzCase = {
      name: 'load',
      weight: 1,
      bytes: () => [Buffer.from(`GET ${HONEST.pds} HTTP/1.1\r\nHost: l\r\nConnection: close\r\n\r\n`)],
    };
    while (loading) await exchange(port, honest, { basePath: '', honestPath: HONEST.pds, random });
  });
  await new Promise((r) => setTimeout(r, 1_000));
  const signalledAt = Date.now();
  started.child.kill('SIGTERM');
  const killer = setTimeout(() => started.child.kill('SIGKILL'), 30_000);
  await started.exited;
  const ms = Date.now() - signalledAt;
  clearTimeout(killer);
  loading = false;
  await Promise.all(load);
  const summary = join(reports, 'summary.json');
  const reportsWritten = existsSync(summary) && statSync(summary).mtimeMs >= signalledAt - 1;
  return { ms, reportsWritten };
}

async function main(): Promise<number> {
  const deadline = setTimeout(() => {
    console.error(`bench-fuzz: over ${OVERALL_DEADLINE_MS / 60_000} min, stopping`);
    process.exit(1);
  }, OVERALL_DEADLINE_MS);
  // --keep DIR leaves the consumer's recording and reports there, to look at.
  const work = values.keep ? resolve(values.keep) : mkdtempSync(join(tmpdir(), 'gpc-fuzz-'));
  const entries: BenchEntry[] = [];
  let ok: boolean;
  try {
    const sims = await start(['simulate', '--port', '0'], 4);
    const simulate = await fuzzProcess('simulate', sims);
    const simCrashed = sims.crashed();
    sims.child.kill('SIGTERM');
    await sims.exited;

    const reports = join(work, 'reports');
    const consumer = await start(['consumer', '--port', '0', '--reports', reports], 3);
    const proxies = await fuzzProcess('consumer', consumer);
    const consumerCrashed = consumer.crashed();
    const stop = await sigtermUnderLoad(consumer, consumer.ports.pds, reports);
    const recordingBytes = existsSync(join(reports, 'consumer-recording.ndjson'))
      ? statSync(join(reports, 'consumer-recording.ndjson')).size
      : 0;
    console.log(
      `consumer: SIGTERM under load → judged and exited in ${stop.ms} ms, reports ${stop.reportsWritten ? 'written' : 'MISSING'}; recording ${(recordingBytes / 1024 / 1024).toFixed(1)} MiB`,
    );

    const all = [...simulate.results, ...proxies.results];
    const bad = all.reduce((n, r) => n + r.verdicts.hang + r.verdicts['silent-close'] + r.verdicts['not-outcome'], 0);
    ok =
      !simCrashed &&
      !consumerCrashed &&
      bad === 0 &&
      simulate.after <= 2 * simulate.before &&
      proxies.after <= 2 * proxies.before &&
      stop.reportsWritten &&
      stop.ms <= SIGTERM_BUDGET_MS;
    entries.push(
      benchEntry(
        'fuzz: simulate resident memory after 10,000 hostile requests per service',
        'MiB',
        simulate.after,
        'before',
        simulate.before,
      ),
      benchEntry(
        'fuzz: consumer resident memory after 10,000 hostile requests per proxy',
        'MiB',
        proxies.after,
        'before',
        proxies.before,
      ),
      benchEntry('fuzz: consumer SIGTERM under load to judged reports', 'ms', stop.ms, 'budget', SIGTERM_BUDGET_MS),
    );
    mergeBenchEntries(join(ROOT, 'reports', 'bench.json'), entries);
    writeFileSync(
      join(ROOT, 'reports', 'bench-fuzz.json'),
      `${JSON.stringify({ seed: SEED, requestsPerService: REQUESTS, crashed: { simulate: simCrashed, consumer: consumerCrashed }, memoryMiB: { simulate: [simulate.before, simulate.after], consumer: [proxies.before, proxies.after] }, sigterm: stop, recordingBytes, services: all }, null, 2)}\n`,
    );
    console.log(
      `bench-fuzz: ${ok ? 'PASS' : 'FAIL'}: ${all.length} services × ${REQUESTS} requests, ${bad} hangs/silent closes/non-OperationOutcome errors`,
    );
  } finally {
    clearTimeout(deadline);
    if (!values.keep) rmSync(work, { recursive: true, force: true });
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`bench-fuzz: ${err.message}`);
    process.exit(1);
  },
);
