/**
 * A consumer-assurance session: the embedded Spine started as in `simulate`, a recording proxy in front of
 * PDS, SDS and the SSP, and a target document whose baseUrls are the proxies. The SDS registry's service
 * roots still name the real provider: the consumer reaches the provider only through the SSP, where it is
 * recorded.
 */
import { checkTarget, type Target } from '../config/target';
import { startSimulators, type ServiceName } from '../simulators';
import { embeddedRegistry } from '../simulators/fixtures/estate';
import type { ConsumerCache } from './cache';
import { compactJudgements, createJudge, type RequestJudgement } from './judge';
import { startRecordingProxy, type RecordingProxy } from './recorder';
import { loadRecording, openRecording, type RecordedRequest, type RecordedService, type Recording } from './recording';

export interface ConsumerSession {
  target: Target;
  targetDocument: Record<string, unknown>;
  proxies: RecordingProxy[];
  /** Every request so far. With a recordingFile it is read back from the file (whole once stop() has ended it). */
  readonly recording: Recording;
  startedAt: string;
  /** With a recordingFile: each request judged as it was recorded (bodies left in the file), in order. */
  readonly judgements: readonly RequestJudgement[];
  stop(): Promise<void>;
}

export interface SessionOptions {
  /** What the consumer's target file declares it cached (traces, SDS details) and for how long. */
  cache?: ConsumerCache;
  /** Proxies on port, port+1, port+2 (pds, sds, ssp); 0 picks free ports. The simulators behind them always take free ports. */
  port?: number;
  /**
   * Where the recording streams (one NDJSON line per answered request), so a crashed consumer still leaves
   * its evidence. Without it the requests are kept in memory, for tests.
   */
  recordingFile?: string;
}

const TARGET_NAME = 'embedded-consumer-assurance';
const RECORDED: readonly RecordedService[] = ['pds', 'sds', 'ssp'];

/** The simulator's base URL with the proxy's origin: PDS and SDS keep their base paths. */
const behindProxy = (baseUrl: string, proxy: string) => `${proxy}${baseUrl.slice(new URL(baseUrl).origin.length)}`;

export async function startConsumerSession(opts: SessionOptions = {}): Promise<ConsumerSession> {
  const sims = await startSimulators();
  const simulatorUrl = (name: ServiceName) => sims.services.find((s) => s.name === name)!.baseUrl;
  // The same registry the embedded SDS and SSP serve: the judge reads AS records from it (T2).
  const recording: Recording = {
    startedAt: new Date().toISOString(),
    registry: embeddedRegistry(simulatorUrl('provider')),
    requests: [],
  };
  const file = opts.recordingFile;
  const writer = file
    ? openRecording(file, { startedAt: recording.startedAt, registry: recording.registry })
    : undefined;
  let seq = 0;
  const judge = createJudge(recording.registry, undefined, opts.cache);
  const compact = compactJudgements();
  const judgements: RequestJudgement[] = [];
  // Streamed and judged on arrival, bodies not kept: memory stays flat however much the consumer sends,
  // and a stop has only the reports left to write.
  const record = (r: Omit<RecordedRequest, 'seq'>) => {
    const request = { seq: ++seq, ...r };
    if (!writer) return recording.requests.push(request);
    // Judged only when recorded, so the reports and the recording agree request for request.
    if (writer.append(request)) judgements.push(compact(judge(request)));
  };
  const proxies: RecordingProxy[] = [];
  try {
    for (const [i, service] of RECORDED.entries())
      proxies.push(await startRecordingProxy(service, simulatorUrl(service), record, opts.port ? opts.port + i : 0));
  } catch (err) {
    await Promise.all([...proxies.map((p) => p.close()), sims.stop()]);
    throw err;
  }
  const doc: Record<string, unknown> = { ...structuredClone(sims.targetDocument), name: TARGET_NAME };
  for (const proxy of proxies) {
    const leg = doc[proxy.service] as { baseUrl: string };
    leg.baseUrl = behindProxy(leg.baseUrl, proxy.baseUrl);
  }
  return {
    target: checkTarget(structuredClone(doc), TARGET_NAME),
    targetDocument: doc,
    proxies,
    startedAt: recording.startedAt,
    judgements,
    get recording() {
      return file ? loadRecording(file) : recording;
    },
    stop: async () => {
      await Promise.all(proxies.map((p) => p.close()));
      await writer?.close();
      await sims.stop();
    },
  };
}
