/**
 * What every embedded simulator shares: a node:http server on a loopback port that never dies (any thrown
 * error becomes a 500 OperationOutcome), and capped body reading. The OperationOutcome builders for the three
 * dialects the hops speak are in operation-outcomes.ts.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { FHIR_JSON_UTF8 } from '../spine/systems';

export interface SimRequest {
  method: string;
  /** Raw request target as received (path + query), e.g. `/Patient/9000000084?x=1`. */
  rawUrl: string;
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Send this text verbatim instead of JSON (fault modes: HTML pages, truncated JSON). */
  rawBody?: string;
}

export type SimHandler = (
  req: SimRequest,
  raw: { req: IncomingMessage; res: ServerResponse },
) => Promise<SimResponse | 'handled'> | SimResponse | 'handled';

export const MAX_BODY_BYTES = 1_000_000;

/**
 * How much of an oversize body is read and dropped before the 413: answering (and closing) while the client
 * still sends makes the kernel reset the connection, and the client loses the answer with it. Beyond this
 * the client is answered at once and may see the reset: it announced or sent something absurd.
 */
export const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

const tooLarge = () =>
  Object.assign(new Error(`request body over ${MAX_BODY_BYTES} bytes`), { status: 413, closeAfter: true });

/**
 * Collects the body up to MAX_BODY_BYTES. Over the cap it stops keeping bytes and drains the rest (up to
 * MAX_DRAIN_BYTES), then refuses it with 413; the request timeout bounds a client that never stops.
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > MAX_DRAIN_BYTES) {
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
      else if (size > MAX_DRAIN_BYTES) reject(tooLarge());
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(tooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/** Percent-decodes one path segment; undefined when the encoding is malformed (`%zz`, a lone `%E2`). */
export function decodedSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Deadlines every simulator and proxy holds a client to: slow or silent clients cannot hold sockets open. */
export const CLIENT_TIMEOUTS = {
  /** The request line and headers. */
  headersTimeoutMs: 10_000,
  /** The whole request, body included. */
  requestTimeoutMs: 30_000,
  /** A socket with nothing moving either way. */
  idleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
};

/** The HTTP status for a request Node's parser refused before any handler saw it. */
function clientErrorStatus(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/**
 * Timeouts and an answer to malformed HTTP for any node:http server: Node's default for a request it cannot
 * parse is to close the socket without a word; here the client gets an OperationOutcome first.
 */
export function hardenServer(
  server: http.Server,
  name: string,
  errorBody: (status: number, message: string) => SimResponse,
): void {
  server.headersTimeout = CLIENT_TIMEOUTS.headersTimeoutMs;
  server.requestTimeout = CLIENT_TIMEOUTS.requestTimeoutMs;
  server.keepAliveTimeout = CLIENT_TIMEOUTS.keepAliveTimeoutMs;
  server.setTimeout(CLIENT_TIMEOUTS.idleTimeoutMs, (socket) => socket.destroy());
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status = clientErrorStatus(err.code);
    const answer = errorBody(status, `${name}: malformed request (${err.code ?? err.message})`);
    const text = JSON.stringify(answer.body);
    const refuse = () =>
      socket.end(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: ${FHIR_JSON_UTF8}\r\n` +
          `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
      );
    const pending = (socket as { _httpMessage?: ServerResponse })._httpMessage;
    if (!pending || pending.writableFinished) return refuse();
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      // The request being read timed out: its own (unsent) answer is the 408; a half-sent answer just ends.
      if (pending.headersSent) socket.destroy();
      else {
        pending.once('finish', () => socket.destroy());
        writeResponse(pending, { ...answer, status }, { Connection: 'close' });
      }
      return;
    }
    // Garbage pipelined after a good request: that request's answer goes first, in order, then the refusal.
    pending.once('finish', refuse);
    pending.once('close', () => socket.destroy());
    setTimeout(() => socket.destroy(), CLIENT_TIMEOUTS.requestTimeoutMs).unref();
  });
}

export function parseRequest(req: IncomingMessage, body: string): SimRequest {
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return {
    method: req.method ?? 'GET',
    rawUrl,
    path: q < 0 ? rawUrl : rawUrl.slice(0, q),
    query: new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1)),
    headers,
    body,
  };
}

export function writeResponse(res: ServerResponse, r: SimResponse, defaults: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = r.rawBody ?? (r.body === undefined ? '' : JSON.stringify(r.body));
  const headers: Record<string, string> = {
    ...defaults,
    ...(r.body !== undefined && !r.rawBody ? { 'Content-Type': FHIR_JSON_UTF8 } : {}),
    ...r.headers,
  };
  res.writeHead(r.status, { ...headers, 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

export interface RunningServer {
  name: string;
  port: number;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Starts a simulator on 127.0.0.1 (port 0 = ephemeral). `errorBody` renders the OperationOutcome for a crash.
 * With `tls` it serves HTTPS only (key, certificate, the CA its clients' certificates must chain to, the TLS
 * versions and ciphers it accepts): a plain-HTTP request to that port gets no HTTP answer.
 */
export async function startServer(
  name: string,
  port: number,
  handler: SimHandler,
  errorBody: (status: number, message: string) => SimResponse,
  defaults: Record<string, string> = {},
  tls?: https.ServerOptions,
): Promise<RunningServer> {
  const options = { connectionsCheckingInterval: 1_000 };
  const listener: http.RequestListener = async (req, res) => {
    try {
      const body = await readBody(req);
      const out = await handler(parseRequest(req, body), { req, res });
      if (out !== 'handled') writeResponse(res, out, defaults);
    } catch (err) {
      // Malformed percent-encoding is the client's mistake (400), like an oversize body (413).
      const status = (err as { status?: number }).status ?? (err instanceof URIError ? 400 : 500);
      const close: Record<string, string> = (err as { closeAfter?: boolean }).closeAfter ? { Connection: 'close' } : {};
      try {
        writeResponse(res, errorBody(status, `${name}: ${(err as Error).message}`), { ...defaults, ...close });
      } catch {
        res.destroy();
      }
    }
  };
  // An https.Server is an http.Server over TLS: the same request handling, timeouts and hardening.
  const server = tls
    ? (https.createServer({ ...options, ...tls }, listener) as unknown as http.Server)
    : http.createServer(options, listener);
  // A refused handshake (no client certificate, an old protocol, no shared cipher) is the client's failure.
  if (tls) server.on('tlsClientError', () => undefined);
  hardenServer(server, name, errorBody);
  // A busy port rejects (EADDRINUSE) instead of crashing the process: the CLI turns it into one line.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    name,
    port: actual,
    baseUrl: `${tls ? 'https' : 'http'}://${tls ? 'localhost' : '127.0.0.1'}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
