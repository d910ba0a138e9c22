/**
 * `gpc-assure merge-reports DIR… --out DIR`: one reports folder from the folders of shards or targets
 * (support/reports/merge.ts). Exit 0 when the merged run passed, 1 when it did not or an input was
 * refused (its manifest does not match its files), 2 for usage.
 */
import { existsSync } from 'node:fs';
import { mergeReports, RefusedInput } from '../reports/merge';
import { summaryLine } from '../reports/summary';
import { fromCwd, resetReportsDir } from './paths';
import { UsageError, parseCommandArgs, type Command } from './usage';

const OPTIONS = { out: { type: 'string' } } as const;

async function mergeReportsRun(args: string[]): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, OPTIONS, true);
  if (!positionals.length || !values.out) throw new UsageError('give one or more reports folders and --out DIR');
  const dirs = positionals.map(fromCwd);
  const missing = dirs.find((d) => !existsSync(d));
  if (missing) throw new UsageError(`no folder ${missing}`);
  const out = fromCwd(values.out);
  if (dirs.includes(out)) throw new UsageError('--out must not be one of the folders merged');
  try {
    resetReportsDir(out);
    const summary = mergeReports(dirs, out);
    process.stdout.write(`${summaryLine(summary, out)}\n`);
    return summary.allPassed ? 0 : 1;
  } catch (err) {
    if (!(err instanceof RefusedInput)) throw err;
    process.stderr.write(`gpc-assure merge-reports: ${err.message}\n`);
    return 1;
  }
}

export const mergeReportsCommand: Command = {
  summary: 'merge the reports folders of shards or targets into one (each input verified against its manifest)',
  usage: [
    'gpc-assure merge-reports DIR… --out DIR',
    '  DIR…       reports folders written by gpc-assure run (e.g. one per --shard I/N); each must match its',
    '             manifest.json or the merge is refused (exit 1). Writes summary.json, junit.xml, evidence/,',
    '             allure-results/ (when present), index.html and a fresh manifest.json into --out.',
  ],
  run: mergeReportsRun,
};
