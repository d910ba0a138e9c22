/**
 * `tsx scripts/bench-startup.ts`: how long the command takes to answer, merged into reports/bench.json by name.
 *   - `gpc-assure --help` against a bare `node -e 0` (the budget is 0.3 s; on a loaded machine only the ratio means anything);
 *   - one scenario cold (`gpc-assure run --tags @WE-1a`, process start to exit) against Cucumber's floor: one
 *     trivial scenario with one empty step, run by cucumber-js in a process of its own.
 * Each figure is the median of a few runs, all measured in the same run of this script.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchEntry, mergeBenchEntries } from '../support/reports/bench-file';

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'bin', 'gpc-assure.cjs');
const RUNS = 5;

/** Median wall milliseconds of `node args` from cwd; any exit code other than `expect` is an error. */
function medianMs(args: string[], cwd = ROOT, expect = 0): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const run = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (run.status !== expect)
      throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr.slice(-400)}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

/** A folder with one trivial feature and its one empty step, for cucumber-js's own floor. */
function trivialCucumberProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gpc-bench-floor-'));
  writeFileSync(join(dir, 'trivial.feature'), 'Feature: floor\n  Scenario: nothing\n    Given nothing\n');
  const cucumber = JSON.stringify(require.resolve('@cucumber/cucumber', { paths: [ROOT] }));
  writeFileSync(join(dir, 'steps.cjs'), `require(${cucumber}).Given('nothing', () => {});\n`);
  return dir;
}

function main(): void {
  const node = medianMs(['-e', '0']);
  const help = medianMs([CLI, '--help']);
  const reports = mkdtempSync(join(tmpdir(), 'gpc-bench-cold-'));
  const scenario = medianMs([
    CLI,
    'run',
    '--quiet',
    '--reports',
    reports,
    '--tags',
    '@WE-1a',
    'features/worked-example',
  ]);
  rmSync(reports, { recursive: true, force: true });
  const floorDir = trivialCucumberProject();
  // The package's exports hide bin/, so its path is taken from the package folder.
  const cucumberJs = join(
    dirname(require.resolve('@cucumber/cucumber', { paths: [ROOT] })),
    '..',
    'bin',
    'cucumber-js',
  );
  const floor = medianMs([cucumberJs, '--require', 'steps.cjs', '--format', 'summary', 'trivial.feature'], floorDir);
  rmSync(floorDir, { recursive: true, force: true });
  const entries = [
    benchEntry('cli.help.start-up', 'ms', help, 'bare `node -e 0` process start', node),
    benchEntry('suite.one-scenario.cold', 'ms', scenario, 'cucumber-js running one trivial scenario', floor),
  ];
  for (const e of entries) console.log(`${e.name}: ${e.value} ${e.unit} vs ${e.peer} ${e.peerValue} → ${e.ratio}×`);
  mergeBenchEntries(join(ROOT, 'reports', 'bench.json'), entries);
}

main();
