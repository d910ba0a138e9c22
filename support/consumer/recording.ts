/**
 * What consumer-assurance mode records: every request a consumer system under test sends to the embedded
 * PDS, SDS and SSP, with the answer it got. The recording is the whole input to judging, so it also carries
 * the registry the SSP routed from: `gpc-assure consumer --judge FILE` needs nothing else.
 *
 * On disk it is NDJSON, appended as requests are answered: a first line with the session (start, registry),
 * then one line per request. Nothing is rewritten, so 10,000 requests cost 10,000 appends, not 10,000
 * re-serialisations of everything so far, and a crashed session still leaves every line it wrote.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputLimitError, readBoundedFile } from '../limits';
import type { Registry } from '../domain/registry';

/** The services a consumer talks to. The provider is reached only through the SSP, so it is not recorded. */
export type RecordedService = 'pds' | 'sds' | 'ssp';

/** A body too large to keep whole: its size and digest prove what it was; `body` holds only its head. */
export interface BodyDigest {
  bytes: number;
  sha256: string;
}

export interface RecordedRequest {
  seq: number;
  service: RecordedService;
  method: string;
  /** Path and query exactly as the consumer sent them. */
  url: string;
  /** Lower-case names; secrets (PDS token, SDS apikey) redacted, the unsigned GP Connect JWT kept. */
  headers: Record<string, string>;
  /** The whole body, or its first BODY_HEAD_BYTES when bodyDigest is set. */
  body?: string;
  bodyDigest?: BodyDigest;
  /** When the request arrived (ISO), and how long the simulator took to answer. */
  at: string;
  durationMs: number;
  response: { status: number; body: string; bodyDigest?: BodyDigest };
}

export interface Recording {
  startedAt: string;
  registry: Registry;
  requests: RecordedRequest[];
}

/** Request bodies up to this are kept whole (a booking is a few KB); larger ones as size + sha256 + head. */
export const KEEP_REQUEST_BODY_BYTES = 64 * 1024;
/** Answers up to this are kept whole: the judge reads PDS, SDS and slot answers. */
export const KEEP_RESPONSE_BODY_BYTES = 256 * 1024;
/** How much of a body too large to keep is kept. */
export const BODY_HEAD_BYTES = 1024;
/** The largest recording `--judge` reads: far beyond any honest session, short of exhausting memory. */
export const MAX_RECORDING_BYTES = 1024 * 1024 * 1024;

/** Counts and hashes a body as it streams, keeping its first `keep` bytes. */
export class BodyCapture {
  private readonly hash = createHash('sha256');
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;
  bytes = 0;
  constructor(private readonly keep: number) {}
  add(chunk: Buffer): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    if (this.keptBytes < this.keep) {
      const part = chunk.subarray(0, this.keep - this.keptBytes);
      this.kept.push(part);
      this.keptBytes += part.length;
    }
  }
  /** Everything, when it all fitted; else the head as text, with size and digest. */
  result(): { whole?: Buffer; head: Buffer; digest?: BodyDigest } {
    const kept = Buffer.concat(this.kept);
    if (this.bytes <= this.keep) return { whole: kept, head: kept };
    return {
      head: kept.subarray(0, BODY_HEAD_BYTES),
      digest: { bytes: this.bytes, sha256: this.hash.digest('hex') },
    };
  }
}

export interface RecordingWriter {
  /** False once closed: the request is not part of the recording. */
  append(request: RecordedRequest): boolean;
  /** Ends the file; rejects with the first write error, which must not pass unnoticed. */
  close(): Promise<void>;
}

/** Opens the NDJSON recording (truncating an old one) and writes the session line. */
export function openRecording(file: string, session: Omit<Recording, 'requests'>): RecordingWriter {
  mkdirSync(dirname(file), { recursive: true });
  const out = createWriteStream(file, { flags: 'w' });
  let failure: Error | undefined;
  let closed = false;
  out.on('error', (err) => (failure ??= err));
  out.write(`${JSON.stringify({ kind: 'session', ...session })}\n`);
  return {
    append(request) {
      // A request answered while the session stops is not part of it: the file is already ending.
      if (!closed) out.write(`${JSON.stringify({ kind: 'request', ...request })}\n`);
      return !closed;
    },
    close() {
      closed = true;
      return new Promise((resolve, reject) => {
        out.end(() => (failure ? reject(failure) : resolve()));
        out.once('error', reject);
      });
    },
  };
}

/** Splits a buffer on newlines without first turning it into one string (V8 caps strings near 512 MB). */
function* lines(buffer: Buffer): Generator<string> {
  for (let start = 0; start < buffer.length;) {
    const end = buffer.indexOf(10, start);
    const stop = end < 0 ? buffer.length : end;
    const line = buffer.toString('utf8', start, stop).trim();
    if (line) yield line;
    start = stop + 1;
  }
}

function parseLine(line: string, n: number, file: string): Record<string, unknown> {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw new Error(`${file} line ${n} is not JSON`);
  }
}

/** Reads an NDJSON recording, or a whole-document one written by an earlier version. */
export function loadRecording(file: string): Recording {
  let buffer: Buffer;
  try {
    buffer = readBoundedFile(file, MAX_RECORDING_BYTES);
  } catch (err) {
    throw new Error(err instanceof InputLimitError ? err.message : `cannot read ${file}`, { cause: err });
  }
  const first = lines(buffer).next();
  if (first.done) throw new Error(`${file} is not a consumer recording (it is empty)`);
  const head = first.value.startsWith('{"kind":"session"') ? parseLine(first.value, 1, file) : undefined;
  if (!head) {
    // Whole-document form: one JSON value with the requests inside.
    let parsed: Partial<Recording>;
    try {
      parsed = JSON.parse(buffer.toString('utf8')) as Partial<Recording>;
    } catch {
      throw new Error(`${file} is not a consumer recording (neither NDJSON nor JSON)`);
    }
    if (!Array.isArray(parsed.requests) || !parsed.registry)
      throw new Error(`${file} is not a consumer recording (no requests or registry)`);
    return parsed as Recording;
  }
  if (!head.registry) throw new Error(`${file} is not a consumer recording (no registry)`);
  const requests: RecordedRequest[] = [];
  let n = 1;
  // A session that crashed (or is still running) may have left half a line: everything before it counts.
  const complete = buffer.subarray(0, buffer.lastIndexOf(10) + 1);
  const rest = lines(complete);
  rest.next();
  for (const line of rest) {
    const { kind, ...request } = parseLine(line, ++n, file);
    if (kind !== 'request') throw new Error(`${file} line ${n} is not a recorded request`);
    requests.push(request as unknown as RecordedRequest);
  }
  return { startedAt: String(head.startedAt), registry: head.registry as Registry, requests };
}
