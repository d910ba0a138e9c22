/**
 * The gpc-assure reports as a Cucumber formatter plugin, so `npx cucumber-js` writes the same reports as
 * `gpc-assure run`. cucumber.mjs lists it with its output file, `reports/summary.json`; everything else
 * goes into that file's folder: evidence/*.json as each scenario's evidence attachment arrives (the World
 * attaches it once, as EVIDENCE_MEDIA_TYPE), index.html when the run is over, then manifest.json.
 *
 * Options, under formatOptions.gpcReports: { target, targetFile, specVersions, faults, order } (RunDescription); the
 * target's name and spec versions are read from the target file when not given, with the defaults filled in
 * (support/versions.ts), as `gpc-assure run` records them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { evidenceKeyFromEnv } from './evidence-key';
import { specVersionsOf, type SpecVersions } from '../versions';
import { writeManifest } from './manifest';
import { RunReports, SUMMARY_FILE, type RunDescription } from './run-reports';
import type { Summary, SummaryEnvelope } from './summary-types';

export type ReportsOptions = Partial<RunDescription>;

/** The part of Cucumber's formatter plugin contract this uses (FormatterPluginContext in @cucumber/cucumber). */
interface FormatterContext {
  on(key: 'message', handler: (envelope: SummaryEnvelope) => void): void;
  options: ReportsOptions;
  directory?: string;
}

/** What the reports say of the target file: its `name` (its file name when the file does not say) and spec versions. */
function targetLabels(file: string): { name: string; specVersions?: Partial<SpecVersions> } {
  try {
    const head = parse(readFileSync(file, 'utf8')) as { name?: unknown; specVersions?: unknown } | null;
    const name = typeof head?.name === 'string' && head.name ? head.name : basename(file);
    const versions = head?.specVersions;
    return typeof versions === 'object' && versions ? { name, specVersions: versions } : { name };
  } catch {
    // An unreadable target fails the run's BeforeAll hook, which the summary reports; these are only labels.
    return { name: basename(file) };
  }
}

export function describeRun(options: ReportsOptions): RunDescription {
  const targetFile = options.targetFile || undefined;
  const labels = targetFile ? targetLabels(targetFile) : undefined;
  return {
    target: options.target ?? labels?.name ?? 'embedded',
    ...(targetFile ? { targetFile } : {}),
    specVersions: options.specVersions ?? specVersionsOf(labels?.specVersions),
    faults: options.faults ?? [],
    ...(options.order ? { order: options.order } : {}),
  };
}

/**
 * Tasks that must wait until Cucumber has closed every formatter's file. `gpc-assure run` runs them as soon as
 * runCucumber returns (flushAfterRun); under `npx cucumber-js`, which gives no such moment, the process's exit
 * does. One exit listener for the process, however many runs it makes.
 */
const afterRun = new Set<() => void>();
let exitListening = false;

/** Runs what the finished runs of this process left to do after Cucumber closed their files. */
export function flushAfterRun(): void {
  for (const task of [...afterRun]) {
    afterRun.delete(task);
    task();
  }
}

function asTheProcessExits(task: () => void): void {
  afterRun.add(task);
  if (exitListening) return;
  exitListening = true;
  process.once('exit', flushAfterRun);
}

/**
 * This process's runs whose summary is not written yet. Cucumber skips every plugin's clean-up when it throws
 * (a failed BeforeAll hook "exits the process"), so the summary is then written as the process exits, or at
 * once by `gpc-assure run`, which catches the throw and needs the summary for its exit code.
 */
const unfinished = new Set<(error?: string) => Summary>();

/** Writes the summary of every run still open here, naming `error`; the last one's summary, if any was open. */
export function finishOpenReports(error: string): Summary | undefined {
  let last: Summary | undefined;
  for (const finish of [...unfinished]) last = finish(error);
  return last;
}

/** `atExit` is where the last writes are scheduled; tests pass their own to run them when they choose. */
export function reportsFormatter(atExit: (task: () => void) => void = asTheProcessExits) {
  return {
    type: 'formatter' as const,
    optionsKey: 'gpcReports',
    formatter({ on, options, directory }: FormatterContext) {
      if (!directory)
        throw new Error('the gpc-assure reports formatter needs a file to write, e.g. reports/summary.json');
      const reports = new RunReports(directory, describeRun(options));
      on('message', reports.onMessage);
      // Written with fs, not through Cucumber's stream for summary.json (left empty, so closing it changes
      // nothing): it must also be writable from the exit handler, when streams no longer flush.
      const finish = (error?: string): Summary => {
        unfinished.delete(finish);
        if (error) reports.addError(error);
        const { summary, text } = reports.finish();
        writeFileSync(join(directory, SUMMARY_FILE), text);
        return summary;
      };
      unfinished.add(finish);
      // manifest.json digests what the other formatters write, and Cucumber closes their files only after
      // every plugin's clean-up has returned; so it is written (synchronously) after the run (asTheProcessExits).
      atExit(() => {
        if (unfinished.has(finish)) finish('cucumber: the run stopped before it finished');
        writeManifest(directory, evidenceKeyFromEnv());
      });
      return () => void finish();
    },
  };
}

export default reportsFormatter();
