/**
 * A long-lived meta-test worker: started once by fault-runner.ts, it runs one `gpc-assure` command line at a
 * time in this process, as the binary would, and answers with the exit code and everything the run printed.
 * Node, tsx, Cucumber, the support code and the schemas load once per worker instead of once per fault case;
 * each case still starts its own simulators with its own faults (the World's BeforeAll) and writes its own
 * reports folder, so the cases stay independent. The support library is reused by support/cli/run.ts.
 *
 * An error thrown outside the run (an uncaught exception, an unhandled rejection) is kept in the case's
 * output instead of killing the worker; if the worker dies anyway, fault-runner.ts starts another.
 */
import { cliInProcess } from '../unit/cli-in-process';

export interface WorkerCase {
  id: number;
  args: string[];
}

export interface WorkerAnswer {
  id: number;
  code: number;
  output: string;
}

/** What escaped the case now running, for its output. */
let escaped: string[] = [];
const keep = (what: string) => (err: unknown) =>
  escaped.push(`${what}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
process.on('uncaughtException', keep('uncaught exception'));
process.on('unhandledRejection', keep('unhandled rejection'));
// The parent is gone (its test file ended or it died): nothing more will come.
process.on('disconnect', () => process.exit(0));

process.on('message', (message: WorkerCase) => {
  escaped = [];
  void cliInProcess(message.args).then(
    ({ code, stdout, stderr }) => answer({ id: message.id, code, output: stdout + stderr + escapedText() }),
    (err: unknown) => {
      keep('the command threw')(err);
      answer({ id: message.id, code: 1, output: escapedText() });
    },
  );
});

function escapedText(): string {
  return escaped.length ? `\n${escaped.join('\n')}\n` : '';
}

function answer(reply: WorkerAnswer): void {
  process.send?.(reply);
}
