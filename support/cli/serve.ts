/**
 * What the long-running commands (`simulate`, `consumer`) share: waiting for a stop signal, writing files
 * another process waits for, and turning a busy port into a usage mistake.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from './usage';

/** How often the launcher is looked for: a stopped `npx` is noticed within this. */
const LAUNCHER_POLL_MS = 250;

/**
 * Resolves with the first SIGINT, SIGTERM or SIGHUP, or 'SIGTERM' once the launcher is gone. Started as
 * `npx gpc-assure …` or through an npm script, this process runs under `sh -c`, and a SIGTERM sent to npm
 * kills npm and the shell but never reaches it: the parent changing (the process is re-parented) is the
 * only sign it gets. Call it before announcing anything, so no signal is missed.
 */
export function untilSignalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const launcher = process.ppid;
    const watch = setInterval(() => {
      if (process.ppid !== launcher) stop('SIGTERM');
    }, LAUNCHER_POLL_MS).unref();
    const stop = (signal: NodeJS.Signals) => {
      clearInterval(watch);
      resolve(signal);
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => stop(signal));
  });
}

/** Written whole, then renamed: whoever waits for (or reads) the file never sees half of it. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.partial`, text);
  await rename(`${file}.partial`, file);
}

/** Rethrows a failed start: EADDRINUSE on `--port first` (count consecutive ports) is the user's to fix. */
export function portsBusy(first: number, count: number): (err: NodeJS.ErrnoException) => never {
  return (err) => {
    if (err.code === 'EADDRINUSE')
      throw new UsageError(`--port ${first}: ports ${first}–${first + count - 1} are not all free`);
    throw err;
  };
}
