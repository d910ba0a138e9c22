/**
 * The gpc-assure reports as a Cucumber formatter plugin, so `npx cucumber-js` writes the same reports as
 * `gpc-assure run`. cucumber.mjs lists it with its output file, `reports/summary.json`; everything else
 * goes into that file's folder: evidence/*.json as each scenario's evidence attachment arrives (the World
 * attaches it once, as EVIDENCE_MEDIA_TYPE), index.html when the run is over, then manifest.json.
 *
 * Options, under formatOptions.gpcReports: { target, targetFile, faults, order } (RunDescription); the
 * target's name is read from the target file when not given.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'yaml';
import { writeManifest } from './manifest';
import { RunReports, type RunDescription } from './run-reports';
import type { SummaryEnvelope } from './summary-types';

export type ReportsOptions = Partial<RunDescription>;

/** The part of Cucumber's formatter plugin contract this uses (FormatterPluginContext in @cucumber/cucumber). */
interface FormatterContext {
  on(key: 'message', handler: (envelope: SummaryEnvelope) => void): void;
  options: ReportsOptions;
  write(text: string): void;
  directory?: string;
}

/** The target file's `name`, as the CLI reports it; its file name when the file does not say. */
function targetName(file: string): string {
  try {
    const name = (parse(readFileSync(file, 'utf8')) as { name?: unknown } | null)?.name;
    if (typeof name === 'string' && name) return name;
  } catch {
    // An unreadable target fails the run's BeforeAll hook, which the summary reports; the name is only a label.
  }
  return basename(file);
}

export function describeRun(options: ReportsOptions): RunDescription {
  const targetFile = options.targetFile || undefined;
  return {
    target: options.target ?? (targetFile ? targetName(targetFile) : 'embedded'),
    ...(targetFile ? { targetFile } : {}),
    faults: options.faults ?? [],
    ...(options.order ? { order: options.order } : {}),
  };
}

/** Runs `task` as the process exits: after Cucumber has closed every formatter's file. */
const asTheProcessExits = (task: () => void) => void process.once('exit', task);

/** `atExit` is where manifest.json is scheduled; tests pass their own to run it when they choose. */
export function reportsFormatter(atExit: (task: () => void) => void = asTheProcessExits) {
  return {
    type: 'formatter' as const,
    optionsKey: 'gpcReports',
    formatter({ on, options, write, directory }: FormatterContext) {
      if (!directory)
        throw new Error('the gpc-assure reports formatter needs a file to write, e.g. reports/summary.json');
      const reports = new RunReports(directory, describeRun(options));
      on('message', reports.onMessage);
      // manifest.json digests what the other formatters write, and Cucumber closes their files only after
      // every plugin's clean-up has returned; so it is written (synchronously) as the process exits.
      atExit(() => writeManifest(directory));
      return () => write(reports.finish().text);
    },
  };
}

export default reportsFormatter();
