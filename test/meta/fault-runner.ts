/**
 * What every meta-test shares: run the CLI once with a fault on, over some scenarios, and read the
 * summary it wrote. A meta-test then asserts the scenarios the fault should break did fail, naming the hop.
 * The runs go to RUNS_AT_ONCE long-lived workers (fault-worker.ts) rather than a new process each: a
 * process start, the TypeScript loader and the support code cost more than most cases' scenarios.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { after } from 'node:test';
import type { Summary } from '../../support/reports/summary';
import type { WorkerAnswer, WorkerCase } from './fault-worker';

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
export async function runWithFault(
  faultId: string,
  tags: string,
  features: string | string[],
  reports: string,
): Promise<FaultRun> {
  const t0 = performance.now();
  const args = ['run', '--fault', faultId, '--reports', reports, '--quiet', '--tags', tags, ...[features].flat()];
  const { code, output } = await pool.run(args);
  let summary: Summary | undefined;
  try {
    summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as Summary;
  } catch {
    // No summary: the caller's assertions say so, with the run's output.
  }
  return { code, output, summary, ms: Math.round(performance.now() - t0) };
}

interface Pending {
  args: string[];
  done: (answer: { code: number | null; output: string }) => void;
}

/** A case that has not answered in this long has hung its worker, which is replaced. */
const CASE_DEADLINE_MS = 170_000;
/** A worker is retired after this many cases, so what one run leaves behind in memory stays bounded. */
const CASES_PER_WORKER = 40;

/** RUNS_AT_ONCE workers, started on first use, each running one case at a time. */
class WorkerPool {
  private readonly queue: Pending[] = [];
  private readonly idle: Worker[] = [];
  private started = 0;
  private nextId = 1;

  run(args: string[]): Promise<{ code: number | null; output: string }> {
    return new Promise((done) => {
      this.queue.push({ args, done });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length) {
      const worker = this.idle.pop() ?? (this.started < RUNS_AT_ONCE ? this.start() : undefined);
      if (!worker) return;
      worker.take(this.queue.shift()!, this.nextId++);
    }
  }

  private start(): Worker {
    this.started++;
    return new Worker(
      (worker) => {
        this.idle.push(worker);
        this.dispatch();
      },
      () => {
        this.started--;
        this.dispatch();
      },
    );
  }
}

/** One fault-worker.ts process; reports itself idle after each case and gone when it exits. */
class Worker {
  private readonly child: ChildProcess;
  private current?: { pending: Pending; id: number; timer: NodeJS.Timeout };
  private cases = 0;
  private output = '';
  private gone = false;

  constructor(
    private readonly onIdle: (w: Worker) => void,
    private readonly onGone: () => void,
  ) {
    this.child = fork(join(__dirname, 'fault-worker.ts'), [], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      // Allure's ~1,400 result files add seconds per run and nothing a meta-test reads.
      env: { ...process.env, GPC_ALLURE: '0' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    // What the worker prints outside a case's capture (a crash's last words) goes to the case it was on.
    this.child.stdout?.on('data', (d) => (this.output += d));
    this.child.stderr?.on('data', (d) => (this.output += d));
    this.child.on('message', (answer: WorkerAnswer) => this.answered(answer));
    this.child.on('exit', (code, signal) => this.exited(`the meta-test worker exited (${signal ?? code})`));
    // An idle worker must not keep the test file's process alive once its tests are done; during a case the
    // deadline's timer does. The worker exits when its channel closes.
    this.child.unref();
    this.child.channel?.unref();
    for (const pipe of [this.child.stdout, this.child.stderr]) (pipe as { unref?: () => void } | null)?.unref?.();
  }

  take(pending: Pending, id: number): void {
    this.cases++;
    this.output = '';
    const timer = setTimeout(() => {
      this.finish({ code: null, output: `${this.output}\nno answer in ${CASE_DEADLINE_MS} ms: worker stopped` });
      this.child.kill('SIGKILL');
    }, CASE_DEADLINE_MS);
    this.current = { pending, id, timer };
    this.child.send({ id, args: pending.args } satisfies WorkerCase);
  }

  private answered(answer: WorkerAnswer): void {
    if (answer.id !== this.current?.id) return;
    this.finish({ code: answer.code, output: this.output + answer.output });
    if (this.cases >= CASES_PER_WORKER) this.child.disconnect();
    else this.onIdle(this);
  }

  private exited(why: string): void {
    if (this.gone) return;
    this.gone = true;
    this.finish({ code: null, output: `${this.output}\n${why}` });
    this.onGone();
  }

  private finish(answer: { code: number | null; output: string }): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    clearTimeout(current.timer);
    current.pending.done(answer);
  }
}

const pool = new WorkerPool();
