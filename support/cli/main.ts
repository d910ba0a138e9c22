/**
 * The gpc-assure command line: a table of commands, one dispatcher, and one place that turns errors into
 * exit codes. bin/gpc-assure.cjs registers tsx and calls main().
 */
import { ConfigError } from '../config/config-error';
import { redactText } from '../evidence/redact';
import { EXIT_CODES, UsageError, errorChain, faultTable, type Command } from './usage';

// Plain JavaScript so that bin/ can print the kept overview before tsx loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a .cjs module has no TypeScript types to import.
const { storeHelp } = require('./help-cache.cjs') as { storeHelp(text: string): void };

/** Help topics that are not commands. */
const TOPICS: Record<string, () => string[]> = { faults: faultTable };

const helpCommand: Command = {
  summary: "show this help, a command's options, or `help faults` for the fault modes",
  usage: ['gpc-assure help [COMMAND | faults]'],
  run: async ([topic]) => {
    const lines = topic === undefined ? overview() : (TOPICS[topic]?.() ?? COMMANDS[topic]?.().usage);
    if (!lines) throw new UsageError(`no help for "${topic}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
    const text = `${lines.join('\n')}\n`;
    process.stdout.write(text);
    if (topic === undefined) storeHelp(text);
    return 0;
  },
};

/**
 * Every command, loaded on first use: `run` is started 34 times by the meta-test and must not pay for the
 * validator's profiles or the topology model. A new command (consumer, verify-evidence, …) is one line
 * here: a Command with its summary, usage lines and run(args) → exit code; help and dispatch find it.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- lazy require() is the point: a command's modules load only when it runs. */
const COMMANDS: Record<string, () => Command> = {
  run: () => (require('./run') as typeof import('./run')).runCommand,
  simulate: () => (require('./simulate') as typeof import('./simulate')).simulateCommand,
  validate: () => (require('./validate') as typeof import('./validate')).validateCliCommand,
  topology: () => (require('./topology') as typeof import('./topology')).topology,
  consumer: () => (require('./consumer') as typeof import('./consumer')).consumer,
  'merge-reports': () => (require('./merge-reports') as typeof import('./merge-reports')).mergeReportsCommand,
  'verify-evidence': () => (require('./verify-evidence') as typeof import('./verify-evidence')).verifyEvidenceCommand,
  help: () => helpCommand,
};
/* eslint-enable @typescript-eslint/no-require-imports */

function overview(): string[] {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return [
    'gpc-assure: GP Connect conformance through the Spine (PDS → SDS → SSP → provider)',
    '',
    'Usage: gpc-assure COMMAND [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, load]) => `  ${name.padEnd(width)}  ${load().summary}`),
    '',
    ...Object.values(COMMANDS).flatMap((load) => [...load().usage, '']),
    ...EXIT_CODES,
  ];
}

/** Exactly one line on stderr, whatever went wrong: people and CI logs both read the first line. */
function oneLine(text: string): string {
  return redactText(text)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** Runs one command line; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const isHelpFlag = (arg: string) => arg === '--help' || arg === '-h';
  try {
    if (name === undefined) {
      // Bare `gpc-assure` prints the help too, but it is a usage mistake.
      await helpCommand.run([]);
      return 2;
    }
    if (isHelpFlag(name)) return await helpCommand.run([]);
    const command = COMMANDS[name]?.();
    if (!command) throw new UsageError(`unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
    if (args.some(isHelpFlag)) return await helpCommand.run([name]);
    return await command.run(args);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${oneLine(err.message)}\n`);
      return 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`${oneLine(`gpc-assure ${name ?? ''}: ${err.message}`)} (see gpc-assure help)\n`);
      return 2;
    }
    process.stderr.write(`${oneLine(`gpc-assure ${name ?? ''}: ${errorChain(err)}`)}\n`);
    return 1;
  }
}
