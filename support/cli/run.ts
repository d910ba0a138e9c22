/**
 * `gpc-assure run`: checks the target file before anything else (a bad one costs one line and exit 2, and
 * no request is sent), then runs Cucumber in this process with the run's worldParameters and the reports
 * formatter's options set on the configuration. The reports come from the formatter plugin
 * (support/reports/cucumber-formatter.ts), as they do for `npx cucumber-js`; the exit code comes from
 * summary.json, not from Cucumber: 0 only when scenarios ran and all passed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import {
  loadConfiguration,
  loadSources,
  runCucumber,
  type IRunConfiguration,
  type IRunEnvironment,
  type IRunOptions,
  type ISupportCodeLibrary,
} from '@cucumber/cucumber/api';
import type { RunParameters } from '../config/run-parameters';
import { loadTargetFile } from '../config/target';
import { finishOpenReports, flushAfterRun } from '../reports/cucumber-formatter';
import { specVersionsOf, type SpecVersions } from '../versions';
import { redactText } from '../evidence/redact';
import type { PlannedScenario } from '../reports/report-model';
import { RunReports, SUMMARY_FILE, writeRunReportsNow, type RunDescription } from '../reports/run-reports';
import { summaryLine, type Summary } from '../reports/summary';
import { estateRun, isEstateRun } from './estate';
import { inShard, parseShard, type Shard } from './shard';
import { CUCUMBER_CONFIG, PACKAGE_ROOT, fromCwd, resetReportsDir, resolveTarget } from './paths';
import { UsageError, errorChain, faultIds, integerOption, parseCommandArgs, type Command } from './usage';

const OPTIONS = {
  target: { type: 'string' },
  reports: { type: 'string' },
  fault: { type: 'string', multiple: true },
  tags: { type: 'string' },
  parallel: { type: 'string' },
  quiet: { type: 'boolean' },
  shard: { type: 'string' },
  strict: { type: 'boolean' },
} as const;

interface RunPlan {
  targetName: string;
  targetFile?: string;
  specVersions: SpecVersions;
  faults: string[];
  reportsDir: string;
  tags?: string;
  parallel?: number;
  quiet: boolean;
  /** A scenario not applicable to the target fails the run. */
  strict: boolean;
  paths: string[];
  shard?: Shard;
}

/**
 * --parallel N, or `auto`: two workers when the machine has more than one core, else serial. Two, not one
 * per core: each worker loads the support code and starts its own simulators, which outweighs more
 * workers on a suite this size. GPC_PARALLEL gives the same choice to runs started by other tools.
 */
function parallelOption(value: string | undefined): number | undefined {
  if (value === 'auto') return availableParallelism() > 1 ? 2 : 0;
  return integerOption('parallel', value, 0, 64);
}

/** Everything that can be wrong with the command line or the target file, found before any traffic. */
function plan(args: string[]): RunPlan {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
  const faults = faultIds(values.fault);
  // `--target embedded` is the embedded run itself; any other name or a file is a target file.
  const targetFile = values.target === undefined ? undefined : resolveTarget(values.target);
  if (targetFile && faults.length) {
    throw new UsageError(
      '--fault switches faults on in the embedded simulators; with --target, start them with `gpc-assure simulate --fault`',
    );
  }
  // Throws ConfigError naming the key; resolving secrets here also registers them for redaction.
  const target = targetFile === undefined ? undefined : loadTargetFile(targetFile);
  return {
    targetName: target?.name ?? 'embedded',
    targetFile,
    specVersions: specVersionsOf(target?.specVersions),
    faults,
    reportsDir: fromCwd(values.reports ?? 'reports'),
    tags: values.tags,
    parallel: parallelOption(values.parallel ?? process.env.GPC_PARALLEL),
    quiet: values.quiet ?? false,
    strict: values.strict ?? false,
    paths: positionals.map(fromCwd),
    shard: parseShard(values.shard),
  };
}

/**
 * cucumber.mjs reads GPC_REPORTS_DIR and GPC_QUIET each time it is loaded to place the formatters' files, so
 * they are set (or cleared) before loading. What the run targets does not travel this way: it is set on the
 * configuration as worldParameters, which --parallel workers receive too.
 */
function exportEnvironment(run: RunPlan): void {
  const values: Record<string, string | undefined> = {
    GPC_REPORTS_DIR: run.reportsDir,
    GPC_QUIET: run.quiet ? '1' : undefined,
  };
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

/**
 * The configuration, and the scenarios it selects: selecting them first turns a bad --tags or an empty
 * selection into a usage error, and a run that breaks early still lists them as not run.
 */
async function cucumberConfiguration(
  run: RunPlan,
  environment: IRunEnvironment,
): Promise<{ configuration: IRunConfiguration; planned: PlannedScenario[] }> {
  const { runConfiguration } = await loadConfiguration(
    {
      file: CUCUMBER_CONFIG,
      // The default profile always: worldParameters below say what the run targets, whatever the shell says.
      profiles: ['default'],
      provided: {
        ...(run.tags ? { tags: run.tags } : {}),
        ...(run.parallel !== undefined ? { parallel: run.parallel } : {}),
      },
    },
    environment,
  );
  // Cucumber adds provided paths to the profile's; paths given on the command line replace them instead.
  if (run.paths.length) runConfiguration.sources.paths = run.paths;
  // Replaced, not merged: a GPC_TARGET or GPC_FAULTS left in the shell must not redirect this run.
  const parameters: RunParameters = { ...(run.targetFile ? { targetFile: run.targetFile } : {}), faults: run.faults };
  runConfiguration.runtime.worldParameters = parameters;
  runConfiguration.formats.options.gpcReports = reportsDescription(run, runConfiguration.sources.order);
  // A bad --tags expression or a selection of nothing is a usage mistake: say so before anything starts.
  const { plan: pickles, errors } = await loadSources(runConfiguration.sources, environment).catch((err: unknown) => {
    throw new UsageError(`cannot select scenarios: ${errorChain(err)}`);
  });
  if (pickles.length === 0 && errors.length === 0)
    throw new UsageError('no scenario matches the paths and --tags given');
  let planned = pickles.map((p) => ({ name: p.name, uri: p.uri, line: p.location.line }));
  if (run.shard) {
    planned = inShard(planned, run.shard);
    if (!planned.length) throw new UsageError(`--shard ${run.shard.index}/${run.shard.count} selects no scenario`);
    // uri:line narrows Cucumber's selection to this shard's scenarios; tags still apply on top.
    runConfiguration.sources.paths = planned.map((p) => `${p.uri}:${p.line}`);
  }
  return { configuration: runConfiguration, planned };
}

/** What the reports say the run was pointed at; the plugin's options (formatOptions.gpcReports). */
function reportsDescription(run: RunPlan, order: string | undefined): RunDescription {
  return {
    target: run.targetName,
    ...(run.targetFile ? { targetFile: run.targetFile } : {}),
    specVersions: run.specVersions,
    faults: run.faults,
    ...(order ? { order } : {}),
  };
}

/**
 * The step definitions and hooks of this process's first run. Node caches the support files, so a second
 * runCucumber in the same process (the meta-test's long-lived workers) would load an empty library from
 * them; it is given the first run's library instead, which also saves loading it again. Serial runs only:
 * --parallel workers load their own.
 */
let loadedSupport: ISupportCodeLibrary | undefined;

function withLoadedSupport(configuration: IRunConfiguration): IRunOptions {
  if (!loadedSupport || configuration.runtime.parallel) return configuration;
  return { ...configuration, support: loadedSupport };
}

async function run(args: string[]): Promise<number> {
  if (isEstateRun(args)) return estateRun(args);
  const runPlan = plan(args);
  exportEnvironment(runPlan);
  const environment: IRunEnvironment = { cwd: PACKAGE_ROOT, env: process.env };
  const { configuration, planned } = await cucumberConfiguration(runPlan, environment);
  // Only now, with every usage mistake ruled out, is the previous run's evidence deleted.
  resetReportsDir(runPlan.reportsDir);

  let broke: unknown;
  try {
    const { support } = await runCucumber(withLoadedSupport(configuration), environment);
    loadedSupport = support;
  } catch (err) {
    broke = err;
  }
  const summaryFile = join(runPlan.reportsDir, SUMMARY_FILE);
  const summary =
    broke === undefined && existsSync(summaryFile)
      ? (JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary)
      : (finishOpenReports(`cucumber: ${errorChain(broke ?? 'the run wrote no summary.json')}`) ??
        reportsOfABrokenRun(runPlan, configuration, planned, broke));
  // Cucumber has closed every formatter's file: the manifest can digest them now, not at the process's exit.
  flushAfterRun();
  process.stdout.write(`${redactText(summaryLine(summary, runPlan.reportsDir))}\n`);
  const gaps = summary.scenarios.notApplicable ?? 0;
  if (runPlan.strict && gaps > 0)
    process.stdout.write(`gpc-assure: --strict: ${gaps} scenario(s) not applicable to this target fail the run.\n`);
  return summary.allPassed && !(runPlan.strict && gaps > 0) ? 0 : 1;
}

/**
 * Support code that does not load, a formatter that does not start: Cucumber threw before the reports
 * plugin started, so the summary is written here, naming the error, with every selected scenario not run.
 * (The envelopes are not kept to replay instead: holding a whole run's attachments cost ~5% CPU.)
 */
function reportsOfABrokenRun(
  run: RunPlan,
  configuration: IRunConfiguration,
  planned: PlannedScenario[],
  broke: unknown,
): Summary {
  const reports = new RunReports(run.reportsDir, reportsDescription(run, configuration.sources.order));
  reports.assumePlanned(planned);
  reports.addError(
    broke === undefined
      ? 'cucumber: the run wrote no summary.json (is the reports formatter listed in cucumber.mjs?)'
      : `cucumber: ${errorChain(broke)}`,
  );
  return writeRunReportsNow(reports, run.reportsDir);
}

export const runCommand: Command = {
  summary: 'run the conformance features against the embedded simulators or a target file',
  usage: [
    'gpc-assure run [--target NAME|FILE] [--reports DIR] [--fault ID[,ID]] [--tags EXPR] [--parallel N] [--shard I/N] [--quiet] [--strict] [PATH…]',
    '  --target NAME    a shipped profile: embedded (the default: the embedded PDS, SDS, SSP and provider',
    '                   simulators), nhs-sandbox (the public PDS and SDS sandboxes, embedded SSP and provider),',
    '                   integration (NHS England INT; credentials from environment variables)',
    '  --target FILE    a target file (schemas/target.schema.json; a path or a .yaml extension makes it a file);',
    '                   checked before anything is sent. Repeat it for an estate run: one run per target into',
    '                   DIR/targets/<name>/, a requirement × target matrix on top (--concurrency N, default cores)',
    '  --estate FILE    an estate-run file: targets: [{ file, tags?, paths? }] (relative to the file)',
    '  --reports DIR    where reports go (default ./reports); emptied first. index.html, summary.json,',
    '                   cucumber.html, junit.xml, messages.ndjson, evidence/*.json, allure-results/ and,',
    '                   last, manifest.json (check it with gpc-assure verify-evidence DIR).',
    '  --fault ID       switch a fault mode on in the embedded simulators (repeatable, or comma-separated);',
    '                   `gpc-assure help faults` lists them',
    '  --tags EXPR      a Cucumber tag expression, e.g. "@hop:pds" or "@WE-1a or @WE-2b"',
    '  --parallel N     run scenarios in N worker processes; `auto`: 2 when there is more than one core',
    '                   (default: GPC_PARALLEL if set, else one process)',
    '  --quiet          progress dots instead of every step',
    '  --shard I/N      run only shard I of N (by scenario identity; stable across machines); merge the',
    '                   shards with gpc-assure merge-reports',
    '  --strict         fail the run when a scenario is not applicable to the target (its @needs-… unmet)',
    '  PATH…            feature files or folders instead of features/**/*.feature',
  ],
  run,
};
