/**
 * What consumer-assurance mode records: every request a consumer system under test sends to the embedded
 * PDS, SDS and SSP, with the answer it got. The recording is the whole input to judging, so it also carries
 * the registry the SSP routed from: `gpc-assure consumer --judge FILE` needs nothing else.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../base/files';
import type { Registry } from '../domain/registry';

/** The services a consumer talks to. The provider is reached only through the SSP, so it is not recorded. */
export type RecordedService = 'pds' | 'sds' | 'ssp';

export interface RecordedRequest {
  seq: number;
  service: RecordedService;
  method: string;
  /** Path and query exactly as the consumer sent them. */
  url: string;
  /** Lower-case names; secrets (PDS token, SDS apikey) redacted, the unsigned GP Connect JWT kept. */
  headers: Record<string, string>;
  body?: string;
  /** When the request arrived (ISO), and how long the simulator took to answer. */
  at: string;
  durationMs: number;
  response: { status: number; body: string };
}

export interface Recording {
  startedAt: string;
  registry: Registry;
  requests: RecordedRequest[];
}

export function saveRecording(file: string, recording: Recording): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify(recording, null, 2)}\n`);
}

/** How long changes gather before the recording is written: one write per burst, not one per request. */
const SAVE_DELAY_MS = 250;

/**
 * Saves the recording at most once per SAVE_DELAY_MS while requests arrive, off the event loop, so a crashed
 * consumer still leaves its evidence without each request paying for rewriting the whole file. flush() writes
 * the final state and reports its failure.
 */
export function recordingSaver(file: string, recording: Recording): { changed(): void; flush(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  const save = () => {
    timer = undefined;
    writing = writing.catch(() => undefined).then(() => saveRecording(file, recording));
    return writing;
  };
  return {
    changed() {
      timer ??= setTimeout(() => save().catch(() => undefined), SAVE_DELAY_MS);
    },
    flush() {
      clearTimeout(timer);
      return save();
    },
  };
}

export function loadRecording(file: string): Recording {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Recording>;
  if (!Array.isArray(parsed.requests) || !parsed.registry)
    throw new Error(`${file} is not a consumer recording (no requests or registry)`);
  return parsed as Recording;
}
