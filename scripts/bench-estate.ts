/**
 * `tsx scripts/bench-estate.ts [--targets N]`: what estate runs and shards cost, merged into reports/bench.json:
 *   - an estate run over N targets (default 20; each its own `gpc-assure simulate`) at the default
 *     --concurrency, against the same N targets run one after another (ratio below 1: the estate run helps);
 *   - three --shard runs side by side plus merge-reports, against the unsharded run of the same scenarios.
 * One feature folder per run keeps the bench to about a minute; figures are wall-clock on this machine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { benchEntry, mergeBenchEntries } from '../support/reports/bench-file';

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'bin', 'gpc-assure.cjs');
const FEATURES = join(ROOT, 'features', 'worked-example');
const work = mkdtempSync(join(tmpdir(), 'gpc-bench-estate-'));
const { values } = parseArgs({ options: { targets: { type: 'string' } } });
const TARGETS = Number(values.targets ?? 20);
const simulators: ChildProcess[] = [];

async function simulated(name: string): Promise<string> {
  const served = join(work, `${name}.served.yaml`);
  simulators.push(spawn(process.execPath, [CLI, 'simulate', '--write-target', served], { stdio: 'ignore' }));
  for (let i = 0; i < 600 && !existsSync(served); i++) await sleep(50);
  const file = join(work, `${name}.yaml`);
  writeFileSync(file, readFileSync(served, 'utf8').replace(/^name: .*$/m, `name: ${name}`));
  return file;
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
    // Two sets of simulators: a provider's slots are booked by a run, so the estate and the sequential runs each get fresh ones.
    const estateFiles = await Promise.all(Array.from({ length: TARGETS }, (_, i) => simulated(`estate-${i + 1}`)));
    const estateMs = timed([
      'run',
      ...estateFiles.flatMap((f) => ['--target', f]),
      '--reports',
      'estate',
      '--quiet',
      FEATURES,
    ]);
    for (const child of simulators.splice(0)) child.kill('SIGTERM');
    let sequentialMs = 0;
    for (let i = 0; i < TARGETS; i++) {
      const file = await simulated(`seq-${i + 1}`);
      sequentialMs += timed(['run', '--target', file, '--reports', `seq-${i + 1}`, '--quiet', FEATURES]);
      for (const child of simulators.splice(0)) child.kill('SIGTERM');
    }
    const unshardedMs = timed(['run', '--reports', 'all', '--quiet']);
    const shardsMs = await timedParallel(
      [1, 2, 3].map((i) => ['run', '--shard', `${i}/3`, '--reports', `shard-${i}`, '--quiet']),
    );
    const mergeMs = timed(['merge-reports', 'shard-1', 'shard-2', 'shard-3', '--out', 'merged']);
    const entries = [
      benchEntry(
        `estate.${TARGETS}-targets.wall`,
        'ms',
        estateMs,
        `${TARGETS} sequential single-target runs`,
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
