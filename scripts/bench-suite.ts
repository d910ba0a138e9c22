/**
 * `tsx scripts/bench-suite.ts`: how fast the harness runs, merged into reports/bench.json by name.
 *   - the embedded suite's scenarios per second, serial, against the same suite with --parallel 2;
 *   - cold start: process start to the first scenario finished, against a bare `node -e 0`;
 *   - the round trip through the embedded SSP to the provider against a bare node:http forwarding proxy to
 *     the same provider: same client, same request, 50 concurrent keep-alive connections, loopback only.
 *     The SSP does more per request (routing checks on every Ssp-* header and the registry); the target is
 *     at least half the bare proxy's throughput.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { buildGpcClaims, encodeUnsignedJwt } from '../support/jwt/gpc-jwt';
import { interaction, interactionPath } from '../support/interactions';
import { benchEntry, mergeBenchEntries, type BenchEntry } from '../support/reports/bench-file';
import { PRACTICES } from '../support/simulators/fixtures/estate';
import { serviceRoot } from '../support/domain/registry';
import { startSimulators } from '../support/simulators';
import type { Summary } from '../support/reports/summary-types';

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'bin', 'gpc-assure.cjs');
const CONCURRENCY = 50;
const REQUESTS = 3000;
const WARM_UP = 300;

/** Runs `gpc-assure run` into a fresh reports folder; returns the folder and when the process was started. */
function runSuite(args: string[]): { dir: string; spawnedAt: number } {
  const dir = mkdtempSync(join(tmpdir(), 'gpc-bench-'));
  const spawnedAt = Date.now();
  const run = spawnSync(process.execPath, [CLI, 'run', '--quiet', '--reports', dir, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0)
    throw new Error(`gpc-assure run ${args.join(' ')} exited ${run.status}: ${run.stdout.slice(-400)}`);
  return { dir, spawnedAt };
}

function scenariosPerSecond(args: string[]): number {
  const { dir } = runSuite(args);
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;
  rmSync(dir, { recursive: true, force: true });
  return summary.scenarios.total / (summary.durationMs / 1000);
}

/** Milliseconds from spawning the CLI to the first testCaseFinished in its message stream. */
function coldStartMs(): number {
  const { dir, spawnedAt } = runSuite(['--tags', '@WE-1a', 'features/worked-example']);
  const lines = readFileSync(join(dir, 'messages.ndjson'), 'utf8').split('\n').filter(Boolean);
  rmSync(dir, { recursive: true, force: true });
  const finished = lines
    .map((l) => JSON.parse(l) as { testCaseFinished?: { timestamp: { seconds: number; nanos: number } } })
    .find((m) => m.testCaseFinished);
  if (!finished?.testCaseFinished) throw new Error('no scenario finished in the cold-start run');
  const { seconds, nanos } = finished.testCaseFinished.timestamp;
  return seconds * 1000 + nanos / 1e6 - spawnedAt;
}

function bareNodeStartMs(): number {
  const t0 = Date.now();
  spawnSync(process.execPath, ['-e', '0']);
  return Date.now() - t0;
}

/** A forwarding proxy with the SSP's URL form ({proxy}/{provider URL}) and nothing else: the peer. */
function bareProxy(agent: http.Agent): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const upstream = http.request(req.url!.slice(1), { method: req.method, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/** Requests per second for `count` GETs of `url` with CONCURRENCY in flight; every answer must be 200. */
async function throughput(url: string, headers: () => Record<string, string>, count: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  const one = () =>
    new Promise<void>((done, fail) => {
      http
        .get(url, { agent, headers: headers() }, (res) => {
          res
            .resume()
            .on('end', () => (res.statusCode === 200 ? done() : fail(new Error(`${url} answered ${res.statusCode}`))));
        })
        .on('error', fail);
    });
  const worker = async () => {
    while (next++ < count) await one();
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return count / seconds;
}

async function chainThroughput(): Promise<{ ssp: number; bare: number }> {
  const simulators = await startSimulators({ faults: [] });
  const upstreamAgent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const proxy = await bareProxy(upstreamAgent);
  try {
    const { target, services } = simulators;
    const providerBase = services.find((s) => s.name === 'provider')!.baseUrl;
    const metadata = interaction('read metadata');
    const root = serviceRoot(providerBase, PRACTICES[0].ods, metadata.capability);
    // One token for the whole bench: building it is the harness's cost, not the chain's; it outlives the run.
    const token = encodeUnsignedJwt(
      buildGpcClaims({ consumer: target.consumer, interaction: metadata, audience: root }),
    );
    const headers = () => ({
      'Ssp-TraceID': randomUUID(),
      'Ssp-From': target.consumer.asid,
      'Ssp-To': PRACTICES[0].asid,
      'Ssp-InteractionID': metadata.interactionId,
      Authorization: `Bearer ${token}`,
      Accept: 'application/fhir+json',
    });
    const path = `${root}${interactionPath(metadata)}`;
    const sspUrl = `${target.ssp.baseUrl}/${path}`;
    const bareUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/${path}`;
    const best = { ssp: 0, bare: 0 };
    // Two alternating rounds after a warm-up, best of each: one round can catch a GC pause or a busy core.
    for (const [name, url] of [
      ['ssp', sspUrl],
      ['bare', bareUrl],
      ['ssp', sspUrl],
      ['bare', bareUrl],
    ] as const) {
      await throughput(url, headers, WARM_UP);
      best[name] = Math.max(best[name], await throughput(url, headers, REQUESTS));
    }
    return best;
  } finally {
    proxy.close();
    upstreamAgent.destroy();
    await simulators.stop();
  }
}

async function main(): Promise<void> {
  const serial = scenariosPerSecond([]);
  const parallel = scenariosPerSecond(['--parallel', '2']);
  const cold = coldStartMs();
  const node = bareNodeStartMs();
  const chain = await chainThroughput();
  const entries: BenchEntry[] = [
    benchEntry(
      'suite.embedded.scenarios-per-second',
      'scenarios/s',
      serial,
      'the same suite with --parallel 2',
      parallel,
    ),
    benchEntry('suite.cold-start.first-scenario', 'ms', cold, 'bare `node -e 0` process start', node),
    benchEntry(
      `chain.ssp-provider.metadata.c${CONCURRENCY}`,
      'requests/s',
      chain.ssp,
      `bare node:http proxy to the same provider (${CONCURRENCY} connections, loopback)`,
      chain.bare,
    ),
  ];
  mergeBenchEntries(join(ROOT, 'reports', 'bench.json'), entries);
  for (const e of entries)
    process.stdout.write(`${e.name}: ${e.value} ${e.unit} (peer ${e.peerValue}: ${e.peer}; ratio ${e.ratio})\n`);
  const ratio = chain.ssp / chain.bare;
  if (ratio < 0.5)
    process.stdout.write(
      `note: SSP→provider throughput is ${ratio.toFixed(2)}× the bare proxy, below the 0.5× target\n`,
    );
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-suite: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
