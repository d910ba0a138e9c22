/**
 * `gpc-assure consumer`: consumer-assurance mode. Serves the embedded Spine behind recording proxies for a
 * consumer system under test, records every request it sends, and when stopped (SIGINT/SIGTERM) judges the
 * recording against the consumer rules (support/consumer/rules.ts). `--judge FILE` judges a saved recording.
 */
import { isAbsolute, join, relative } from 'node:path';
import { stringify } from 'yaml';
import { loadConsumerCache, type ConsumerCache } from '../consumer/cache';
import { judgeRecording, type RequestJudgement } from '../consumer/judge';
import { loadRecording, type Recording } from '../consumer/recording';
import { RECORDING_FILE, consumerLine, writeConsumerReports } from '../consumer/reports';
import { startConsumerSession } from '../consumer/session';
import { fromCwd, resetReportsDir } from './paths';
import { portsBusy, untilSignalled, writeFileAtomic } from './serve';
import { UsageError, integerOption, parseCommandArgs, type Command } from './usage';

const OPTIONS = {
  port: { type: 'string' },
  'write-target': { type: 'string' },
  judge: { type: 'string' },
  reports: { type: 'string' },
  'consumer-target': { type: 'string' },
} as const;

/** Proxies take three ports: pds, sds, ssp. */
const PROXY_PORTS = 3;

function report(
  judgements: readonly RequestJudgement[],
  startedAt: string,
  recordingFile: string,
  reportsDir: string,
  target: string,
): number {
  const last = judgements.at(-1)?.request;
  const summary = writeConsumerReports(reportsDir, judgements, {
    target,
    startedAt,
    // The consumer's session, from start to its last answer: judging itself takes no time worth reporting.
    durationMs: last ? Date.parse(last.at) + last.durationMs - Date.parse(startedAt) : 0,
    recordingUri: relative(reportsDir, recordingFile) || recordingFile,
  });
  process.stdout.write(`${consumerLine(summary, reportsDir)}\n`);
  return summary.allPassed ? 0 : 1;
}

async function serveAndRecord(
  port: number,
  targetFile: string | undefined,
  reportsDir: string,
  cache: ConsumerCache | undefined,
): Promise<number> {
  const recordingFile = join(reportsDir, RECORDING_FILE);
  // An earlier session's reports left beside this one's would be mixed into its evidence.
  resetReportsDir(reportsDir);
  const session = await startConsumerSession({ port, recordingFile, cache }).catch(portsBusy(port, PROXY_PORTS));
  const signalled = untilSignalled();
  if (targetFile) {
    await writeFileAtomic(
      targetFile,
      `# gpc-assure consumer-assurance target: the recording proxies, valid while \`gpc-assure consumer\` runs.\n${stringify(session.targetDocument)}`,
    );
  }
  for (const proxy of session.proxies)
    process.stdout.write(`${proxy.service.padEnd(3)}  recording on ${proxy.baseUrl}\n`);
  process.stdout.write(
    `${targetFile ? `target written to ${targetFile}; ` : ''}recording to ${recordingFile}; SIGINT or SIGTERM stops and judges.\n`,
  );
  await signalled;
  await session.stop();
  // Judged as recorded: only the reports remain, so a stop under load still ends within seconds.
  return report(session.judgements, session.startedAt, recordingFile, reportsDir, session.target.name);
}

async function consumerCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, OPTIONS);
  const reportsDir = fromCwd(values.reports ?? 'reports');
  const cacheFile = values['consumer-target'];
  const cache = cacheFile === undefined ? undefined : loadConsumerCache(fromCwd(cacheFile));
  if (values.judge !== undefined) {
    if (values.port !== undefined || values['write-target'] !== undefined)
      throw new UsageError('--judge FILE judges a saved recording; it takes no --port or --write-target');
    const file = fromCwd(values.judge);
    let recording: Recording;
    try {
      recording = loadRecording(file);
    } catch (err) {
      throw new UsageError(`--judge ${values.judge}: ${(err as Error).message}`);
    }
    // Judging the recording a session left in this very folder keeps it (and so the folder); elsewhere the
    // folder is emptied so no earlier report is mixed with this judgement.
    if (relative(reportsDir, file).startsWith('..') || isAbsolute(relative(reportsDir, file)))
      resetReportsDir(reportsDir);
    return report(
      judgeRecording(recording, undefined, cache),
      recording.startedAt,
      file,
      reportsDir,
      `recording ${values.judge}`,
    );
  }
  const port = integerOption('port', values.port, 0, 65535 - (PROXY_PORTS - 1)) ?? 0;
  return serveAndRecord(
    port,
    values['write-target'] === undefined ? undefined : fromCwd(values['write-target']),
    reportsDir,
    cache,
  );
}

export const consumer: Command = {
  summary: 'assure a consumer system: serve the embedded Spine, record what it sends, judge every request',
  usage: [
    'gpc-assure consumer [--port N] [--write-target FILE] [--consumer-target FILE] [--reports DIR]',
    'gpc-assure consumer --judge RECORDING [--consumer-target FILE] [--reports DIR]',
    '  --port N             recording proxies for pds on N, sds on N+1, ssp on N+2; 0 (default) picks free ports',
    '  --write-target FILE  write the target file the consumer under test should use',
    "  --consumer-target FILE  the consumer under test's file: its cache section (cached PDS traces and SDS",
    '                       details, and the window each stays fresh) is accepted in place of a new lookup',
    '  --judge RECORDING    judge a saved recording (reports/consumer-recording.ndjson) instead of serving',
    '  --reports DIR        where the recording and reports go (default ./reports): summary.json, consumer.json',
  ],
  run: consumerCommand,
};
