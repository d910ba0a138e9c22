/**
 * A recording proxy: one node:http server in front of one simulator, forwarding each request verbatim
 * (method, path, query, headers, body) and the answer back unchanged, and recording both. Standing in front
 * of the simulators rather than inside them keeps consumer mode out of the simulators' code: they behave
 * exactly as in a provider run.
 *
 * Its memory is bounded whatever the consumer sends: a request body over MAX_BODY_BYTES (the simulators'
 * own limit) is refused with 413 and drained, not kept; the answer streams through; the recording keeps a
 * body whole only up to a cap, else its size, sha256 and head (support/consumer/recording.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { redactHeaders, redactText } from '../evidence/redact';
import { hardenServer, MAX_BODY_BYTES, MAX_DRAIN_BYTES, writeResponse, type SimResponse } from '../simulators/http-kit';
import {
  BodyCapture,
  KEEP_REQUEST_BODY_BYTES,
  KEEP_RESPONSE_BODY_BYTES,
  type RecordedRequest,
  type RecordedService,
} from './recording';

export interface RecordingProxy {
  service: RecordedService;
  baseUrl: string;
  close(): Promise<void>;
}

/** How long the simulator behind may take to start answering before the proxy answers 504 itself. */
const UPSTREAM_TIMEOUT_MS = 30_000;

function flatHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

const DECODERS: Record<string, (b: Buffer, o: { maxOutputLength: number }) => Buffer> = {
  gzip: gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

/** The answer as text for the judge (it reads SDS and PDS JSON); the consumer still gets the bytes as sent. */
function decoded(body: Buffer, encoding: string | undefined): string {
  try {
    const decode = DECODERS[(encoding ?? '').trim().toLowerCase()];
    return (decode ? decode(body, { maxOutputLength: KEEP_RESPONSE_BODY_BYTES }) : body).toString('utf8');
  } catch {
    return '';
  }
}

/** Hop-by-hop headers that belong to one connection, not to the request (RFC 7230 §6.1). */
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'host'];
const withoutHopByHop = (h: Record<string, string>) =>
  Object.fromEntries(Object.entries(h).filter(([k]) => !HOP_BY_HOP.includes(k)));

/**
 * The proxy's own answers (413, 502, 504) are the harness speaking, not a Spine service: a plain
 * OperationOutcome naming the proxy, with no Spine coding to mistake for the simulator's.
 */
export function proxyOutcome(status: number, issueCode: string, diagnostics: string): SimResponse {
  return {
    status,
    body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: issueCode, diagnostics }] },
  };
}

/** The body as it arrived: kept up to the forwarding limit, hashed throughout; over the limit, only counted. */
function readCapped(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  refuse: (res: http.ServerResponse) => void,
): Promise<{ body?: Buffer; capture: BodyCapture; complete: boolean }> {
  return new Promise((resolve) => {
    const capture = new BodyCapture(KEEP_REQUEST_BODY_BYTES);
    let chunks: Buffer[] | undefined = [];
    req.on('data', (c: Buffer) => {
      capture.add(c);
      if (chunks && capture.bytes <= MAX_BODY_BYTES) chunks.push(c);
      else chunks = undefined;
      if (capture.bytes > MAX_DRAIN_BYTES && !res.headersSent) refuse(res);
    });
    const done = () => resolve({ body: chunks && Buffer.concat(chunks), capture, complete: req.complete });
    req.on('end', done);
    req.on('close', done);
    req.on('error', done);
  });
}

interface Answer {
  status: number;
  capture: BodyCapture;
  encoding?: string;
}

function relay(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  target: URL,
  headers: Record<string, string>,
  body: Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const upstreamReq = http.request({
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...withoutHopByHop(headers), 'content-length': String(body.length) },
      timeout: UPSTREAM_TIMEOUT_MS,
    });
    upstreamReq.on('timeout', () => upstreamReq.destroy(new Error(`no answer within ${UPSTREAM_TIMEOUT_MS} ms`)));
    upstreamReq.on('error', reject);
    // A consumer that hangs up mid-answer ends the upstream leg too: nothing is left waiting.
    res.on('close', () => upstreamReq.destroy());
    upstreamReq.on('response', (answer) => {
      const capture = new BodyCapture(KEEP_RESPONSE_BODY_BYTES);
      res.writeHead(answer.statusCode ?? 502, withoutHopByHop(flatHeaders(answer.headers)));
      answer.on('data', (c: Buffer) => {
        capture.add(c);
        res.write(c);
      });
      answer.on('end', () => {
        res.end();
        resolve({ status: answer.statusCode ?? 0, capture, encoding: answer.headers['content-encoding'] });
      });
      answer.on('error', reject);
    });
    upstreamReq.end(body);
  });
}

function recordedBody(
  capture: BodyCapture,
  encoding?: string,
): { body: string; bodyDigest?: RecordedRequest['bodyDigest'] } {
  const { whole, head, digest } = capture.result();
  return whole ? { body: decoded(whole, encoding) } : { body: head.toString('utf8'), bodyDigest: digest };
}

export async function startRecordingProxy(
  service: RecordedService,
  upstream: string,
  record: (r: Omit<RecordedRequest, 'seq'>) => void,
  port = 0,
): Promise<RecordingProxy> {
  const target = new URL(upstream);
  const server = http.createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
    forward(req, res).catch(() => res.destroy());
  });
  async function forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const headers = flatHeaders(req.headers);
    // An absurd declared length is refused before reading; any other oversize body is drained, then
    // refused, so the 413 is not lost to a connection reset (see MAX_DRAIN_BYTES).
    const early = Number(headers['content-length']) > MAX_DRAIN_BYTES;
    if (early) answerTooLarge(res);
    const { body, capture, complete } = await readCapped(req, res, answerTooLarge);
    let response: RecordedRequest['response'];
    if (!complete && !early && body) {
      // Nothing to forward: half a request would be a different request.
      res.destroy();
      response = { status: 0, body: 'the consumer hung up before its request was complete: not forwarded' };
    } else if (!body || early) {
      if (!res.headersSent) answerTooLarge(res);
      response = { status: 413, body: `request body over ${MAX_BODY_BYTES} bytes: not forwarded` };
    } else {
      try {
        const answer = await relay(req, res, target, headers, body);
        response = { status: answer.status, ...recordedBody(answer.capture, answer.encoding) };
      } catch (err) {
        // Still recorded: what the consumer sent is the evidence, whatever became of it.
        const message = (err as Error).message;
        const timedOut = message.startsWith('no answer');
        const refusal = proxyOutcome(timedOut ? 504 : 502, 'transient', `${service} simulator: ${message}`);
        if (res.headersSent) res.destroy();
        else writeResponse(res, refusal);
        response = { status: refusal.status, body: JSON.stringify(refusal.body) };
      }
    }
    const sent = recordedBody(capture);
    record({
      service,
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      // The unsigned GP Connect JWT is evidence; a PDS bearer token is a credential.
      headers: redactHeaders(headers, service === 'ssp'),
      ...(capture.bytes
        ? { body: redactText(sent.body), ...(sent.bodyDigest ? { bodyDigest: sent.bodyDigest } : {}) }
        : {}),
      at: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      response,
    });
  }
  function answerTooLarge(res: http.ServerResponse): void {
    const refusal = proxyOutcome(
      413,
      'too-costly',
      `${service} recording proxy: request body over ${MAX_BODY_BYTES} bytes`,
    );
    writeResponse(res, refusal, { Connection: 'close' });
  }
  hardenServer(server, `${service} recording proxy`, (status, message) => proxyOutcome(status, 'invalid', message));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    service,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
