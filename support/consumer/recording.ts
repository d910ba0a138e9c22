/**
 * What consumer-assurance mode records: every request a consumer system under test sends to the embedded
 * PDS, SDS and SSP, with the answer it got. The recording is the whole input to judging, so it also carries
 * the registry the SSP routed from: `gpc-assure consumer --judge FILE` needs nothing else.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Registry } from '../simulators/registry';

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

/** Written whole, then renamed: a reader never sees half a recording. */
export function saveRecording(file: string, recording: Recording): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.partial`, `${JSON.stringify(recording, null, 2)}\n`);
  renameSync(`${file}.partial`, file);
}

export function loadRecording(file: string): Recording {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Recording>;
  if (!Array.isArray(parsed.requests) || !parsed.registry) throw new Error(`${file} is not a consumer recording (no requests or registry)`);
  return parsed as Recording;
}
