/**
 * `gpc-assure ARGS` as main() in this process, for the commands that never start Cucumber (usage mistakes,
 * bad target files, help, validate, verify-evidence, merge-reports): the same exit code and output as the
 * binary, without paying a Node start and the TypeScript loader per case. A few tests keep real spawns
 * (cli.test.ts) so the binary itself stays tested.
 */
import { main } from '../../support/cli/main';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

type Write = typeof process.stdout.write;

/** One call at a time: the capture replaces process.stdout/stderr.write for its duration. */
let queue: Promise<unknown> = Promise.resolve();

export function cliInProcess(args: string[]): Promise<CliOutcome> {
  const next = queue.then(() => captured(args));
  queue = next.catch(() => undefined);
  return next;
}

async function captured(args: string[]): Promise<CliOutcome> {
  const out = { stdout: '', stderr: '' };
  const restore = [
    capture(process.stdout, (s) => (out.stdout += s)),
    capture(process.stderr, (s) => (out.stderr += s)),
  ];
  try {
    const code = await main(args);
    return { code, ...out };
  } finally {
    for (const undo of restore) undo();
  }
}

/**
 * Takes the string writes (what the CLI prints) and lets Buffers through: node:test's child process
 * reports to its runner in serialised Buffers on stdout, and those must still arrive.
 */
function capture(stream: NodeJS.WriteStream, keep: (text: string) => void): () => void {
  const original = stream.write;
  stream.write = function (chunk: unknown, ...rest: unknown[]): boolean {
    if (typeof chunk !== 'string') return (original as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
    keep(chunk);
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    if (done) process.nextTick(done);
    return true;
  } as Write;
  return () => {
    stream.write = original;
  };
}
