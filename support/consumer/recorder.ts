/**
 * A recording proxy: one node:http server in front of one simulator, forwarding each request verbatim
 * (method, path, query, headers, body) and the answer back unchanged, and recording both. Standing in front
 * of the simulators rather than inside them keeps consumer mode out of the simulators' code: they behave
 * exactly as in a provider run.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { redactHeaders, redactText } from '../evidence/redact';
import type { RecordedRequest, RecordedService } from './recording';

export interface RecordingProxy {
  service: RecordedService;
  baseUrl: string;
  close(): Promise<void>;
}

const readAll = (stream: NodeJS.ReadableStream) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

function flatHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

const DECODERS: Record<string, (b: Buffer) => Buffer> = {
  gzip: gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

/** The answer as text for the judge (it reads SDS and PDS JSON); the consumer still gets the bytes as sent. */
function decoded(body: Buffer, encoding: string | undefined): string {
  try {
    return (DECODERS[(encoding ?? '').trim().toLowerCase()]?.(body) ?? body).toString('utf8');
  } catch {
    return '';
  }
}

/** Hop-by-hop headers that belong to one connection, not to the request (RFC 7230 §6.1). */
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'host'];
const withoutHopByHop = (h: Record<string, string>) =>
  Object.fromEntries(Object.entries(h).filter(([k]) => !HOP_BY_HOP.includes(k)));

export async function startRecordingProxy(
  service: RecordedService,
  upstream: string,
  record: (r: Omit<RecordedRequest, 'seq'>) => void,
  port = 0,
): Promise<RecordingProxy> {
  const target = new URL(upstream);
  const server = http.createServer((req, res) => {
    forward(req, res).catch((err: Error) => {
      // A broken client connection or an unwritable recording file must not take the other services down.
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`recording proxy (${service}): ${err.message}`);
    });
  });
  async function forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const body = await readAll(req);
    const headers = flatHeaders(req.headers);
    let response: RecordedRequest['response'];
    try {
      const answer = await new Promise<http.IncomingMessage>((resolve, reject) => {
        const upstreamReq = http.request(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: { ...withoutHopByHop(headers), 'content-length': String(body.length) },
          },
          resolve,
        );
        upstreamReq.on('error', reject);
        upstreamReq.end(body);
      });
      const answerBody = await readAll(answer);
      res.writeHead(answer.statusCode ?? 502, withoutHopByHop(flatHeaders(answer.headers)));
      res.end(answerBody);
      response = { status: answer.statusCode ?? 0, body: decoded(answerBody, answer.headers['content-encoding']) };
    } catch (err) {
      // Still recorded: what the consumer sent is the evidence, whatever became of it.
      response = { status: 502, body: `${service} simulator unreachable: ${(err as Error).message}` };
      res.writeHead(response.status, { 'content-type': 'text/plain' });
      res.end(response.body);
    }
    record({
      service,
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      // The unsigned GP Connect JWT is evidence; a PDS bearer token is a credential.
      headers: redactHeaders(headers, service === 'ssp'),
      ...(body.length ? { body: redactText(body.toString('utf8')) } : {}),
      at: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      response,
    });
  }
  server.keepAliveTimeout = 5_000;
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
