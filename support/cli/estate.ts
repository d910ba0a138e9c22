/**
 * `gpc-assure run --target a.yaml --target b.yaml …` or `--estate FILE`: one conformance run per target, at
 * most --concurrency at a time, each a `gpc-assure run` of its own into reports/targets/<name>/ (so each
 * target's reports keep the single-target shape), then one combined summary.json and index.html on top:
 * the requirement × target matrix and the failures by target and hop (support/reports/estate-report.ts).
 * Every target file is checked before any run starts: one bad file is exit 2 and nothing is sent.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from '../config/config-error';
import { loadTargetFile } from '../config/target';
import { writeEstateReports, type EstateTarget } from '../reports/estate-report';
import { summaryLine } from '../reports/summary';
import { PACKAGE_ROOT, fromCwd, resetReportsDir, resolveTarget } from './paths';
import { UsageError, integerOption, parseCommandArgs } from './usage';

const OPTIONS = {
  target: { type: 'string', multiple: true },
  estate: { type: 'string' },
  reports: { type: 'string' },
  tags: { type: 'string' },
  concurrency: { type: 'string' },
  shard: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

/** An estate-run file: the targets, and per target the scenarios it is asked for (tags, feature paths). */
interface EstateFile {
  targets: { file: string; tags?: string; paths?: string[] }[];
}

/** True when the command line asks for more than one target, or for an estate file. */
export function isEstateRun(args: string[]): boolean {
  return args.includes('--estate') || args.filter((a) => a === '--target' || a.startsWith('--target=')).length > 1;
}

function estateTargets(file: string): { file: string; tags?: string; paths: string[] }[] {
  let doc: Partial<EstateFile>;
  try {
    doc = parse(readFileSync(file, 'utf8')) as Partial<EstateFile>;
  } catch (err) {
    throw new ConfigError('', (err as Error).message.split('\n')[0], file);
  }
  if (!Array.isArray(doc?.targets) || doc.targets.length === 0 || doc.targets.some((t) => typeof t?.file !== 'string'))
    throw new ConfigError('targets', 'needs a list of { file, tags?, paths? }', file);
  const base = dirname(file);
  return doc.targets.map((t) => ({
    file: resolve(base, t.file),
    tags: t.tags,
    paths: (t.paths ?? []).map((p) => resolve(base, p)),
  }));
}

/** The target files, each loaded (and so checked) now; names must differ, they name the reports folders. */
function plan(args: string[]) {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
  if (values.estate && values.target?.length) throw new UsageError('give --estate FILE or several --target, not both');
  const listed = values.estate
    ? estateTargets(fromCwd(values.estate))
    : (values.target ?? []).map((t) => ({ file: resolveTarget(t), tags: undefined, paths: [] as string[] }));
  const targets: EstateTarget[] = listed.map((t) => {
    if (!t.file) throw new UsageError('an estate run needs target files; `embedded` alone is one target');
    return { ...t, name: loadTargetFile(t.file).name };
  });
  const names = targets.map((t) => t.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new UsageError(`two targets are both named "${twice}"; each target's name must differ`);
  return {
    targets,
    reportsDir: fromCwd(values.reports ?? 'reports'),
    tags: values.tags,
    shard: values.shard,
    quiet: values.quiet ?? false,
    paths: positionals.map(fromCwd),
    concurrency: integerOption('concurrency', values.concurrency, 1, 64) ?? availableParallelism(),
  };
}

type Plan = ReturnType<typeof plan>;

/** One target's run as a child `gpc-assure run`: its own process, simulators, env and reports folder. */
function runTarget(target: EstateTarget, run: Plan, reportsDir: string): Promise<number> {
  const tags = [run.tags, target.tags]
    .filter(Boolean)
    .map((t) => `(${t})`)
    .join(' and ');
  const args = [
    join(PACKAGE_ROOT, 'bin', 'gpc-assure.cjs'),
    'run',
    '--target',
    target.file!,
    '--reports',
    reportsDir,
    '--quiet',
  ];
  if (tags) args.push('--tags', tags);
  if (run.shard) args.push('--shard', run.shard);
  args.push(...(target.paths.length ? target.paths : run.paths));
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => {
      if (!run.quiet || code !== 0) process.stdout.write(`[${target.name}] ${output.trim().split('\n').pop() ?? ''}\n`);
      done(code ?? 1);
    });
  });
}

/** Runs fn over items, at most `limit` at once, results in item order. */
async function pooled<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function estateRun(args: string[]): Promise<number> {
  const run = plan(args);
  resetReportsDir(run.reportsDir);
  const started = Date.now();
  const codes = await pooled(run.targets, run.concurrency, (t) =>
    runTarget(t, run, join(run.reportsDir, 'targets', t.name)),
  );
  const summary = writeEstateReports(run.reportsDir, run.targets, codes, Date.now() - started);
  process.stdout.write(`${summaryLine(summary, run.reportsDir)}\n`);
  // A target whose run was a usage or config mistake (2) makes the estate run one too.
  if (codes.includes(2)) return 2;
  return summary.allPassed ? 0 : 1;
}
