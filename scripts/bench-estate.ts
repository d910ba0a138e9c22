/**
 * `tsx scripts/bench-estate.ts [--targets N]`: what estate runs and shards cost, merged into reports/bench.json:
 *   - an estate run over the N practices (default 20) of one `gpc-assure simulate --practices N`, through the
 *     estate-run file it writes, at the default --concurrency, against the same N practices run one after
 *     another (ratio below 1: the estate run helps). Each side gets a fresh estate: a run books its slots;
 *   - three --shard runs side by side plus merge-reports, against the unsharded run of the same scenarios.
 * The worked example only keeps the bench to about two minutes; figures are wall-clock on this machine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { benchEntry, mergeBenchEntries } from '../support/reports/bench-file';

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'bin', 'gpc-assure.cjs');
const FEATURES = join(ROOT, 'features', 'worked-example');
const work = mkdtempSync(join(tmpdir(), 'gpc-bench-estate-'));
const { values } = parseArgs({ options: { targets: { type: 'string' } } });
const TARGETS = Number(values.targets ?? 20);
const simulators: ChildProcess[] = [];

/** A `simulate --practices N` estate; resolves to its estate-run file once written. */
async function simulatedEstate(name: string): Promise<string> {
  const file = join(work, `${name}.yaml`);
  simulators.push(
    spawn(process.execPath, [CLI, 'simulate', '--practices', String(TARGETS), '--write-estate', file], {
      stdio: 'ignore',
    }),
  );
  for (let i = 0; i < 600 && !existsSync(file); i++) await sleep(50);
  if (!existsSync(file)) throw new Error(`simulate --practices ${TARGETS} wrote no estate file`);
  return file;
}

/** The target files an estate-run file lists, absolute. */
function estateTargets(estateFile: string): string[] {
  const doc = parse(readFileSync(estateFile, 'utf8')) as { targets: { file: string }[] };
  return doc.targets.map((t) => resolve(dirname(estateFile), t.file));
}

function timed(args: string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: work, encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`gpc-assure ${args.slice(0, 2).join(' ')} exited ${r.status}: ${r.stdout.slice(-400)}${r.stderr}`);
  return performance.now() - started;
}

async function timedParallel(runs: string[][]): Promise<number> {
  const started = performance.now();
  await Promise.all(
    runs.map(
      (args) =>
        new Promise((done) =>
          spawn(process.execPath, [CLI, ...args], { cwd: work, stdio: 'ignore' }).on('close', done),
        ),
    ),
  );
  return performance.now() - started;
}

async function main(): Promise<void> {
  try {
    const estateMs = timed([
      'run',
      '--estate',
      await simulatedEstate('estate'),
      '--reports',
      'estate',
      '--quiet',
      FEATURES,
    ]);
    for (const child of simulators.splice(0)) child.kill('SIGTERM');
    let sequentialMs = 0;
    const sequential = estateTargets(await simulatedEstate('sequential'));
    for (const [i, file] of sequential.entries())
      sequentialMs += timed(['run', '--target', file, '--reports', `seq-${i + 1}`, '--quiet', FEATURES]);
    for (const child of simulators.splice(0)) child.kill('SIGTERM');
    const unshardedMs = timed(['run', '--reports', 'all', '--quiet']);
    const shardsMs = await timedParallel(
      [1, 2, 3].map((i) => ['run', '--shard', `${i}/3`, '--reports', `shard-${i}`, '--quiet']),
    );
    const mergeMs = timed(['merge-reports', 'shard-1', 'shard-2', 'shard-3', '--out', 'merged']);
    const entries = [
      benchEntry(
        `estate.${TARGETS}-practices.wall`,
        'ms',
        estateMs,
        `the ${TARGETS} practices run one after another`,
        sequentialMs,
      ),
      benchEntry('shards.3-merged.wall', 'ms', shardsMs + mergeMs, 'the unsharded embedded run', unshardedMs),
    ];
    mergeBenchEntries(join(ROOT, 'reports', 'bench.json'), entries);
    for (const e of entries)
      process.stdout.write(`${e.name}: ${e.value} ${e.unit} vs ${e.peer} ${e.peerValue} (ratio ${e.ratio})\n`);
  } finally {
    for (const child of simulators) child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

void main();
