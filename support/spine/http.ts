/**
 * Every HTTP exchange goes through here and is recorded as evidence: request, response, timing, the decoded
 * JWT, and a named transport fault when the network failed. Nothing throws for a bad answer: the checks
 * decide what is wrong, with the exchange in hand. Secrets are redacted at record time.
 *
 * Built on node:http rather than a client library because a hostile network is an expected case here: the
 * harness needs one total deadline (a slow drip must not outlive it), a cap on what it buffers, and to know
 * whether the status line had arrived when the body failed (that decides which hop wrote it).
 */
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { bearerToken, decodeJwt } from '../jwt/gpc-jwt';
import { summariseBinary, type BinarySummary } from '../evidence/binary';
import { redactHeaders, redactText } from '../evidence/redact';
import type { Exchange, TransportFault } from '../evidence/types';
import { bufferedBody, mib, streamedBinaryBody, type BodySink } from './http-body';
import { tlsFailure } from './tls';

export { MAX_RESPONSE_BYTES, parseJson, type JsonBody } from './http-body';

/** Transport kinds the harness names (the evidence type lists them all, body-phase kinds and auth included). */
export type TransportKind = TransportFault;

export interface HttpCall {
  hop: Exchange['hop'];
  interaction?: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The total deadline: from sending the request to the last byte of the body. */
  timeoutMs: number;
  /** Safe retries for idempotent GETs on transient network errors (the same headers, so the same X-Request-ID). */
  retries?: number;
  /** An agent carrying client TLS settings (support/spine/tls.ts); the shared keep-alive agents otherwise. */
  agent?: http.Agent;
  /**
   * The answer is a Binary (the interaction table's responseType): a 2xx JSON body is streamed, its content
   * digested instead of held (support/spine/http-body.ts), so a document costs the harness little memory.
   */
  streamBinary?: boolean;
}

export interface HttpResult {
  exchange: Exchange;
  /** Present whenever the status line arrived, even if the body then failed. */
  status?: number;
  headers: Record<string, string>;
  text: string;
  transport?: { kind: TransportKind; message: string };
}

export class EvidenceLog {
  readonly exchanges: Exchange[] = [];
  add(e: Omit<Exchange, 'seq'>): Exchange {
    const full = { seq: this.exchanges.length + 1, ...e };
    this.exchanges.push(full);
    return full;
  }
}

const AGENTS = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

const TRANSPORT_CODES: [RegExp, TransportKind][] = [
  [/^(ETIMEDOUT|ECONNABORTED|ESOCKETTIMEDOUT)$/, 'timeout'],
  [/^(ECONNRESET|EPIPE|ERR_STREAM_PREMATURE_CLOSE)$/, 'connection-reset'],
  [/^ECONNREFUSED$/, 'connection-refused'],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)$/, 'dns'],
  [/(CERT|TLS|SSL|UNABLE_TO_VERIFY|SELF_SIGNED|DEPTH_ZERO|EPROTO|HOSTNAME|ALTNAME|PKCS12|BAD_DECRYPT)/, 'tls'],
];

export function transportKindOf(err: unknown): TransportKind {
  const code = String((err as { code?: string }).code ?? '');
  return TRANSPORT_CODES.find(([re]) => re.test(code))?.[1] ?? 'network';
}

const RETRYABLE: TransportKind[] = ['connection-reset', 'connection-refused'];

/** Raised inside one attempt to stop it with a named kind. */
class Stop extends Error {
  constructor(
    readonly kind: TransportKind,
    message: string,
  ) {
    super(message);
  }
}

interface Raw {
  status?: number;
  headers: Record<string, string>;
  text: string;
  binary?: BinarySummary;
  fault?: { kind: TransportKind; message: string };
}

function headerRecord(h: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

/** One request with a total deadline and a byte cap; never rejects. */
function exchangeOnce(call: HttpCall): Promise<Raw> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(call.url);
    } catch {
      resolve({ headers: {}, text: '', fault: { kind: 'network', message: `not a URL: ${call.url}` } });
      return;
    }
    const transport = url.protocol === 'https:' ? https : http;
    const agent = call.agent ?? AGENTS[url.protocol as keyof typeof AGENTS];
    const raw: Raw = { headers: {}, text: '' };
    let sink: BodySink | undefined;
    let received = 0;
    let settled = false;
    const finish = (fault?: Raw['fault']) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      const body = sink;
      if (fault || !body) return resolve({ ...raw, text: body?.partial() ?? '', ...(fault ? { fault } : {}) });
      body.end().then(
        (read) => resolve({ ...raw, text: read.text, ...(read.binary ? { binary: read.binary } : {}) }),
        (err: Error) => {
          // A zip bomb passes the wire cap and fails the output cap; anything else is a body that does not decode.
          const tooBig = err instanceof RangeError;
          const encoding = raw.headers['content-encoding'] ?? 'identity';
          resolve({
            ...raw,
            fault: {
              kind: tooBig ? 'oversize-body' : 'network',
              message: `the ${encoding} body ${tooBig ? `decodes to more than ${mib(body.cap)}` : 'does not decode'}: ${err.message}`,
            },
          });
        },
      );
    };
    const stop = (kind: TransportKind, message: string) => {
      finish({ kind, message });
      req.destroy(new Stop(kind, message));
    };
    // The path goes as written: a URL object would resolve the dot segments an SSP probe sends on purpose.
    const path =
      call.url.startsWith(url.origin) && /^[\x21-\x7e]*$/.test(call.url) ? call.url.slice(url.origin.length) : '';
    const req = transport.request(url, {
      method: call.method,
      headers: call.headers,
      agent,
      ...(path ? { path } : {}),
    });
    const deadline = setTimeout(() => {
      if (raw.status === undefined) stop('timeout', `no answer within ${call.timeoutMs} ms`);
      else
        stop(
          'slow-body',
          `the body was still arriving after ${call.timeoutMs} ms (${received} bytes so far): a slow drip`,
        );
    }, call.timeoutMs);
    req.on('error', (err) => {
      if (err instanceof Stop) return;
      // A peer that hangs up mid-handshake surfaces as ECONNRESET; Node's message still says it was the
      // handshake, and that is the cause a reader needs (often: the client certificate was not trusted).
      const tls = raw.status === undefined ? tlsFailure(err) : undefined;
      const kind = raw.status !== undefined ? 'truncated-body' : tls ? 'tls' : transportKindOf(err);
      const message =
        kind === 'truncated-body'
          ? `the connection closed after ${received} bytes of the body (${err.message})`
          : tls
            ? `${tls.kind}: ${tls.meaning} (${err.message})`
            : err.message;
      finish({ kind, message });
    });
    req.on('response', (res) => {
      raw.status = res.statusCode;
      raw.headers = headerRecord(res.headers);
      const encoding = raw.headers['content-encoding'];
      const json = /json/i.test(raw.headers['content-type'] ?? '');
      const body = (sink =
        call.streamBinary && json && res.statusCode! >= 200 && res.statusCode! < 300
          ? streamedBinaryBody(encoding)
          : bufferedBody(encoding));
      const declared = Number(res.headers['content-length'] ?? NaN);
      if (declared > body.cap)
        return stop(
          'oversize-body',
          `the body declares ${declared} bytes, over the ${mib(body.cap)} the harness reads`,
        );
      body.onDrain(() => res.resume());
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > body.cap) return stop('oversize-body', `the body passed the ${mib(body.cap)} the harness reads`);
        if (!body.push(chunk)) res.pause();
      });
      // A body cut short surfaces as 'aborted' or an error on the response, depending on the Node version.
      res.on('aborted', () =>
        finish({
          kind: 'truncated-body',
          message: `the connection closed after ${received} bytes of the body${Number.isNaN(declared) ? '' : ` (declared ${declared})`}`,
        }),
      );
      res.on('error', () =>
        finish({
          kind: 'truncated-body',
          message: `the body stopped after ${received} bytes${Number.isNaN(declared) ? '' : ` of ${declared}`}`,
        }),
      );
      res.on('end', () =>
        !Number.isNaN(declared) && received < declared
          ? finish({ kind: 'truncated-body', message: `the body stopped after ${received} of ${declared} bytes` })
          : finish(),
      );
    });
    req.end(call.body);
  });
}

function decodedJwt(call: HttpCall): Exchange['jwt'] {
  if (call.hop !== 'ssp' && call.hop !== 'provider') return undefined;
  const token = bearerToken(call.headers['Authorization'] ?? call.headers['authorization']);
  if (!token) return undefined;
  const d = decodeJwt(token);
  return d.ok ? { header: d.header, claims: d.claims } : { problem: d.problem };
}

async function attempt(log: EvidenceLog, call: HttpCall): Promise<HttpResult> {
  const started = Date.now();
  const keepJwt = call.hop === 'ssp' || call.hop === 'provider';
  const request = {
    method: call.method,
    url: redactText(call.url),
    headers: redactHeaders(call.headers, keepJwt),
    ...(call.body ? { body: redactText(call.body) } : {}),
  };
  const base = {
    hop: call.hop,
    interaction: call.interaction,
    startedAt: new Date(started).toISOString(),
    request,
    jwt: decodedJwt(call),
  };
  const raw = await exchangeOnce(call);
  const transport = raw.fault && {
    kind: raw.fault.kind,
    message: redactText(`${raw.fault.kind}: ${raw.fault.message}`),
  };
  const binary =
    raw.status === undefined
      ? undefined
      : raw.binary
        ? { summary: raw.binary, body: raw.text }
        : summariseBinary(raw.text);
  const response =
    raw.status === undefined
      ? undefined
      : {
          status: raw.status,
          headers: redactHeaders(raw.headers, true),
          body: redactText(binary?.body ?? raw.text),
          ...(binary ? { binary: binary.summary } : {}),
        };
  const exchange = log.add({
    ...base,
    durationMs: Date.now() - started,
    ...(response ? { response } : {}),
    ...(transport ? { transportError: { kind: transport.kind, message: transport.message } } : {}),
  });
  return { exchange, status: raw.status, headers: raw.headers, text: raw.text, ...(transport ? { transport } : {}) };
}

export async function send(log: EvidenceLog, call: HttpCall): Promise<HttpResult> {
  let result = await attempt(log, call);
  // Never retry a POST or PUT: a booking sent twice is a double booking.
  for (
    let left = call.method === 'GET' ? (call.retries ?? 0) : 0;
    left > 0 && result.transport && RETRYABLE.includes(result.transport.kind);
    left--
  ) {
    result = await attempt(log, call);
  }
  return result;
}
