/** One consumer run against its own consumer session, for the consumer-mode tests. */
import type { Target } from '../../support/config/target';
import { brokenRuleIds, judgeRecording } from '../../support/consumer/judge';
import { startConsumerSession } from '../../support/consumer/session';

/** Runs `consumer` against a fresh session; a wrong consumer may be stopped by a refusal, which is fine. */
export async function recordSession(consumer: (target: Target) => Promise<unknown>, recordingFile?: string) {
  const session = await startConsumerSession({ recordingFile });
  try {
    const outcome = await consumer(session.target).then(
      () => undefined,
      (err: Error) => err.message,
    );
    return { recording: session.recording, outcome };
  } finally {
    await session.stop();
  }
}

/** The rules a recording broke, sorted: what a wrong-consumer row is compared with. */
export const brokenRules = (recording: Parameters<typeof judgeRecording>[0]) =>
  brokenRuleIds(judgeRecording(recording)).sort();
