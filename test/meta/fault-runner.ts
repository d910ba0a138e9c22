/**
 * What every meta-test shares: run the CLI once with a fault on, over some scenarios, and read the
 * summary it wrote. A meta-test then asserts the scenarios the fault should break did fail, naming the hop.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { after } from 'node:test';
import type { Summary } from '../../support/reports/summary';

export const ROOT = resolve(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'gpc-assure.cjs');
/** This machine has 2 cores; each run is one Cucumber process plus four simulators. */
export const RUNS_AT_ONCE = 2;

/** A scratch folder for one meta-test's reports, removed when the test file ends. */
export function metaWorkDir(prefix: string): string {
  const work = mkdtempSync(join(tmpdir(), `gpc-assure-${prefix}-`));
  after(() => rmSync(work, { recursive: true, force: true }));
  return work;
}

export interface FaultRun {
  code: number | null;
  output: string;
  summary?: Summary;
  ms: number;
}

/** `gpc-assure run --fault <id> --tags <tags> <features>` with its reports in `reports`; exit 1 is expected. */
export function runWithFault(
  faultId: string,
  tags: string,
  features: string | string[],
  reports: string,
): Promise<FaultRun> {
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const args = [
      BIN,
      'run',
      '--fault',
      faultId,
      '--reports',
      reports,
      '--quiet',
      '--tags',
      tags,
      ...[features].flat(),
    ];
    // Allure's ~1,400 result files add seconds per run and nothing a meta-test reads.
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GPC_ALLURE: '0' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('close', (code) => {
      let summary: Summary | undefined;
      try {
        summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as Summary;
      } catch {
        // No summary: the caller's assertions say so, with the run's output.
      }
      done({ code, output, summary, ms: Math.round(performance.now() - t0) });
    });
  });
}
