/**
 * What every command shares: the Command shape the table in main.ts holds, argument parsing that turns
 * every mistake into one UsageError line (exit 2), and the option values several commands take.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TRANSPORT_FAULTS } from '../simulators/chaos';
import { FAULT_MODES, isKnownFault } from '../simulators/faults';

export interface Command {
  /** One line for the command list. */
  summary: string;
  /** Synopsis and option lines, printed by `gpc-assure help COMMAND` and `gpc-assure COMMAND --help`. */
  usage: string[];
  /** Resolves to the exit code. Throws UsageError or ConfigError for exit 2. */
  run(args: string[]): Promise<number>;
}

/** A mistake on the command line: printed as one line, exit code 2, and nothing is sent anywhere. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, strict, with its errors cut to their first sentence so they stay one line. */
export function parseCommandArgs<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw err;
    throw new UsageError((err as Error).message.split('. ')[0]);
  }
}

// Lives in support/base so code below the CLI can use it; re-exported for the commands.
export { errorChain } from '../base/error-chain';

/** `--fault a,b --fault c` → ['a', 'b', 'c'], each a simulator fault mode or a transport fault. */
export function faultIds(values: readonly string[] | undefined): string[] {
  const ids = (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const unknown = ids.find((id) => !isKnownFault(id));
  if (unknown) throw new UsageError(`unknown fault "${unknown}" (gpc-assure help faults lists them)`);
  return [...new Set(ids)];
}

/** A whole number within bounds, for --parallel and --port. */
export function integerOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}

export const EXIT_CODES = [
  'Exit codes:',
  '  0  every scenario ran and passed (run); a clean stop (simulate, help); evidence untouched (verify-evidence)',
  '  1  some scenario did not pass (failed, undefined, pending, ambiguous, skipped or not run), or the run broke;',
  '     evidence files added, removed or changed (verify-evidence)',
  '  2  bad configuration or usage: the target file, an option, a fault id; nothing was sent',
];

/** `gpc-assure help faults`: the simulator fault modes and the transport faults, for --fault. */
export function faultTable(): string[] {
  const width = Math.max(...[...FAULT_MODES, ...TRANSPORT_FAULTS].map((f) => f.id.length));
  return [
    'Fault modes (embedded simulators only; each breaks the requirements in brackets):',
    ...FAULT_MODES.map((f) => `  ${f.id.padEnd(width)}  ${f.hop.padEnd(8)} ${f.description} [${f.breaks.join(', ')}]`),
    '',
    'Transport faults (a hostile network in front of one hop; one at a time; the run must name hop and kind):',
    ...TRANSPORT_FAULTS.map((f) => `  ${f.id.padEnd(width)}  ${f.hop.padEnd(8)} ${f.description} [names: ${f.names}]`),
  ];
}
