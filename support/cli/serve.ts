/**
 * What the long-running commands (`simulate`, `consumer`) share: waiting for a stop signal, writing files
 * another process waits for, and turning a busy port into a usage mistake.
 */
import { UsageError } from './usage';

/** Resolves with the first SIGINT or SIGTERM. Call it before announcing anything, so no signal is missed. */
export function untilSignalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
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
