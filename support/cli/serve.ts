/**
 * What the long-running commands (`simulate`, `consumer`) share: waiting for a stop signal, writing files
 * another process waits for, and turning a busy port into a usage mistake.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from './usage';

/** How often the launcher is looked for: a stopped `npx` is noticed within this. */
const LAUNCHER_POLL_MS = 250;

/** The parent of a process, from /proc (Linux); undefined elsewhere or once it is gone. */
function parentOf(pid: number): number | undefined {
  try {
    // The command name (2nd field) is in parentheses and may hold spaces: the fields after it are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

const isNpm = (pid: number) => {
  try {
    return /^npm( |$)/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '));
  } catch {
    return false;
  }
};

/**
 * The processes between this one and the npm that started it (`sh -c`, then `npm exec` or `npm run`); none
 * when no npm is above (or no /proc to read): a process started otherwise may outlive its parent on purpose.
 */
function launchers(): number[] {
  const chain: number[] = [];
  for (let pid: number | undefined = process.ppid; pid && pid > 1 && chain.length < 8; pid = parentOf(pid)) {
    chain.push(pid);
    if (isNpm(pid)) return chain;
  }
  return [];
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Resolves with the first SIGINT or SIGTERM, or 'SIGTERM' once a launcher is gone. Started as `npx
 * gpc-assure …` or through an npm script, this process runs under `sh -c` under npm, and a signal that
 * stops npm or the shell need not reach it (SIGKILL never is forwarded): the launcher vanishing is then the
 * only sign it gets. Call it before announcing anything, so no signal is missed.
 */
export function untilSignalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const watched = launchers();
    const watch = watched.length
      ? setInterval(() => {
          if (!watched.every(alive) || process.ppid !== watched[0]) stop('SIGTERM');
        }, LAUNCHER_POLL_MS).unref()
      : undefined;
    const stop = (signal: NodeJS.Signals) => {
      clearInterval(watch);
      resolve(signal);
    };
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop(signal));
  });
}

// Lives in support/base so the consumer recorder (below the CLI) can use it; re-exported for the commands.
export { writeFileAtomic } from '../base/files';

/** Rethrows a failed start: EADDRINUSE on `--port first` (count consecutive ports) is the user's to fix. */
export function portsBusy(first: number, count: number): (err: NodeJS.ErrnoException) => never {
  return (err) => {
    if (err.code === 'EADDRINUSE')
      throw new UsageError(`--port ${first}: ports ${first}–${first + count - 1} are not all free`);
    throw err;
  };
}
