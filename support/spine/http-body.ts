/**
 * What happens to a response body as it arrives (support/spine/http.ts sends the request): buffered up to a
 * cap and decoded at the end, or, for a Binary retrieve, streamed through a tokenizer that digests the
 * document instead of holding it (support/evidence/binary-stream.ts). Both decode a Content-Encoding and cap
 * what it decodes to, so a zip bomb is an oversize body, not an out-of-memory.
 */
import {
  brotliDecompressSync,
  createBrotliDecompress,
  createGunzip,
  createInflate,
  gunzipSync,
  inflateSync,
} from 'node:zlib';
import type { BinarySummary } from '../evidence/binary';
import { BinaryStream } from '../evidence/binary-stream';

/** What the harness buffers of a body at most: an oversize answer is a failure, not an out-of-memory. */
export const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
/**
 * What a streamed Binary may be at most, on the wire and decoded. A document at the 5 MB the documents
 * guidance lets a provider return directly is 6.7 MiB as base64 JSON: over the buffering cap, so a Binary is
 * streamed (and only its digest kept) rather than refused.
 */
export const MAX_STREAMED_BYTES = 8 * 1024 * 1024;

export const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;

export interface ReadBody {
  text: string;
  /** A streamed Binary's content type, decoded size and sha256. */
  binary?: BinarySummary;
}

/** Takes a body's wire bytes as they arrive; end() decodes them, throwing RangeError over the cap. */
export interface BodySink {
  readonly cap: number;
  /** False: wait for the resume callback given to onDrain before pushing more. */
  push(chunk: Buffer): boolean;
  onDrain(resume: () => void): void;
  end(): Promise<ReadBody>;
  /** What a body cut short leaves for the evidence, undecoded. */
  partial(): string;
}

/** Decoders for a Content-Encoding the caller asked for; the output is capped like the wire bytes. */
const DECODERS: Record<string, (b: Buffer, o: { maxOutputLength: number }) => Buffer> = {
  gzip: gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

const encodingOf = (encoding: string | undefined) => (encoding ?? '').trim().toLowerCase();

export function bufferedBody(encoding: string | undefined): BodySink {
  const chunks: Buffer[] = [];
  return {
    cap: MAX_RESPONSE_BYTES,
    push: (chunk) => chunks.push(chunk) > 0,
    onDrain: () => undefined,
    partial: () => Buffer.concat(chunks).toString('utf8'),
    end: async () => {
      const body = Buffer.concat(chunks);
      const decode = DECODERS[encodingOf(encoding)];
      return { text: (decode ? decode(body, { maxOutputLength: MAX_RESPONSE_BYTES }) : body).toString('utf8') };
    },
  };
}

const STREAM_DECODERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** How much of a streamed body is kept as text, for the evidence of one that is not JSON. */
const HEAD_BYTES = 64 * 1024;

/** A Binary retrieve's body: decoded as it arrives and tokenized, its content digested, never held whole. */
export function streamedBinaryBody(encoding: string | undefined): BodySink {
  const binary = new BinaryStream();
  const decoder = STREAM_DECODERS[encodingOf(encoding)]?.();
  let decoded = 0;
  let failure: Error | undefined;
  // The start of the decoded body, kept for the evidence of one that turns out not to be JSON.
  const head: Buffer[] = [];
  const feed = (chunk: Buffer) => {
    if (decoded < HEAD_BYTES) head.push(chunk.subarray(0, HEAD_BYTES - decoded));
    decoded += chunk.length;
    if (decoded > MAX_STREAMED_BYTES) failure ??= new RangeError(`decodes to more than ${mib(MAX_STREAMED_BYTES)}`);
    return failure ? true : binary.write(chunk);
  };
  const decoderDone = decoder
    ? new Promise<void>((done) => {
        decoder.on('data', (chunk: Buffer) => {
          if (!feed(chunk)) decoder.pause();
        });
        binary.onDrain(() => decoder.resume());
        decoder.on('end', done);
        decoder.on('error', (err: Error) => {
          failure ??= err;
          done();
        });
      })
    : Promise.resolve();
  return {
    cap: MAX_STREAMED_BYTES,
    push: (chunk) => (decoder ? decoder.write(chunk) : feed(chunk)),
    onDrain: (resume) => (decoder ? decoder.on('drain', resume) : binary.onDrain(resume)),
    partial: () => Buffer.concat(head).toString('utf8'),
    end: async () => {
      decoder?.end();
      await decoderDone;
      if (failure) throw failure;
      // Not JSON after all (an HTML error page under a JSON content type): the checks get its start to judge.
      return binary.end().then(
        ({ text, summary }) => ({ text, ...(summary ? { binary: summary } : {}) }),
        (err: unknown) => {
          if (err instanceof SyntaxError) return { text: Buffer.concat(head).toString('utf8') };
          throw err;
        },
      );
    },
  };
}

export type JsonBody =
  | { ok: true; value: unknown }
  | { ok: false; kind: 'empty-body' | 'html-error-page' | 'malformed-json'; problem: string };

/** Parses a response body, naming what kind of not-JSON it is. */
export function parseJson(text: string): JsonBody {
  if (!text.trim()) return { ok: false, kind: 'empty-body', problem: 'the body is empty' };
  if (/^\s*</.test(text))
    return { ok: false, kind: 'html-error-page', problem: `the body is markup, not JSON: ${text.trim().slice(0, 80)}` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, kind: 'malformed-json', problem: `the body is not valid JSON (${(err as Error).message})` };
  }
}
