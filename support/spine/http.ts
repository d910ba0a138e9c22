/**
 * Every HTTP exchange goes through here and is recorded as evidence: request, response, timing, the decoded
 * JWT, and a named transport fault when the network failed. Nothing throws for a bad answer: the checks
 * decide what is wrong, with the exchange in hand. Secrets are redacted at record time.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { AxiosError } from 'axios';
import { bearerToken, decodeJwt } from '../jwt/gpc-jwt';
import { redactHeaders, redactText } from '../evidence/redact';
import type { Exchange, TransportFault } from '../evidence/types';

/** What the harness buffers of a body at most: an oversize answer is a failure, not an out-of-memory. */
export const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

const client = axios.create({
  httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 64 }),
  validateStatus: () => true,
  responseType: 'text',
  transformResponse: [(data: unknown) => data],
  maxRedirects: 0,
  maxContentLength: MAX_RESPONSE_BYTES,
  transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
});

export interface HttpCall {
  hop: Exchange['hop'];
  interaction?: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Safe retries for idempotent GETs on transient network errors (the same headers, so the same X-Request-ID). */
  retries?: number;
}

export interface HttpResult {
  exchange: Exchange;
  status?: number;
  headers: Record<string, string>;
  text: string;
  transport?: { kind: TransportFault; message: string };
}

export class EvidenceLog {
  readonly exchanges: Exchange[] = [];
  add(e: Omit<Exchange, 'seq'>): Exchange {
    const full = { seq: this.exchanges.length + 1, ...e };
    this.exchanges.push(full);
    return full;
  }
}

const TRANSPORT_CODES: [RegExp, TransportFault][] = [
  [/^(ETIMEDOUT|ECONNABORTED|ESOCKETTIMEDOUT)$/, 'timeout'],
  [/^(ECONNRESET|EPIPE|ERR_STREAM_PREMATURE_CLOSE)$/, 'connection-reset'],
  [/^ECONNREFUSED$/, 'connection-refused'],
  [/^(ENOTFOUND|EAI_AGAIN)$/, 'dns'],
  [/(CERT|TLS|SSL|UNABLE_TO_VERIFY|SELF_SIGNED|DEPTH_ZERO|EPROTO|HOSTNAME|ALTNAME)/, 'tls'],
];

function transportKind(err: AxiosError): TransportFault {
  const code = String(err.code ?? (err.cause as { code?: string } | undefined)?.code ?? '');
  if (/maxContentLength/.test(err.message)) return 'network';
  return TRANSPORT_CODES.find(([re]) => re.test(code))?.[1] ?? 'network';
}

const RETRYABLE: TransportFault[] = ['connection-reset', 'connection-refused'];

function headerRecord(h: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined && v !== null) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
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
  const request = { method: call.method, url: redactText(call.url), headers: redactHeaders(call.headers, keepJwt), ...(call.body ? { body: redactText(call.body) } : {}) };
  const base = { hop: call.hop, interaction: call.interaction, startedAt: new Date(started).toISOString(), request, jwt: decodedJwt(call) };
  try {
    const res = await client.request<string>({ method: call.method, url: call.url, headers: call.headers, data: call.body, timeout: call.timeoutMs });
    const headers = headerRecord(res.headers as Record<string, unknown>);
    const text = typeof res.data === 'string' ? res.data : String(res.data ?? '');
    const exchange = log.add({ ...base, durationMs: Date.now() - started, response: { status: res.status, headers: redactHeaders(headers, true), body: redactText(text) } });
    return { exchange, status: res.status, headers, text };
  } catch (err) {
    const kind = err instanceof AxiosError ? transportKind(err) : 'network';
    const message = redactText((err as Error).message);
    const exchange = log.add({ ...base, durationMs: Date.now() - started, transportError: { kind, message } });
    return { exchange, headers: {}, text: '', transport: { kind, message } };
  }
}

export async function send(log: EvidenceLog, call: HttpCall): Promise<HttpResult> {
  let result = await attempt(log, call);
  // Never retry a POST or PUT: a booking sent twice is a double booking.
  for (let left = call.method === 'GET' ? (call.retries ?? 0) : 0; left > 0 && result.transport && RETRYABLE.includes(result.transport.kind); left--) {
    result = await attempt(log, call);
  }
  return result;
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; kind: 'empty-body' | 'html-error-page' | 'malformed-json'; problem: string };

/** Parses a response body, naming what kind of not-JSON it is. */
export function parseJson(text: string): JsonBody {
  if (!text.trim()) return { ok: false, kind: 'empty-body', problem: 'the body is empty' };
  if (/^\s*</.test(text)) return { ok: false, kind: 'html-error-page', problem: `the body is markup, not JSON: ${text.trim().slice(0, 80)}` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, kind: 'malformed-json', problem: `the body is not valid JSON (${(err as Error).message})` };
  }
}
