/**
 * What every embedded simulator shares: a node:http server on a loopback port that never dies (any thrown
 * error becomes a 500 OperationOutcome), capped body reading, and OperationOutcome builders for the three
 * dialects the hops speak (PDS/SDS R4 Spine codes, GP Connect STU3, the SSP's own).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FHIR_JSON_UTF8, PROFILE, SYS } from '../spine/systems';

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

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error('request body too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
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

/** Starts a simulator on 127.0.0.1 (port 0 = ephemeral). `errorBody` renders the OperationOutcome for a crash. */
export async function startServer(
  name: string,
  port: number,
  handler: SimHandler,
  errorBody: (status: number, message: string) => SimResponse,
  defaults: Record<string, string> = {},
): Promise<RunningServer> {
  const server = http.createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const out = await handler(parseRequest(req, body), { req, res });
      if (out !== 'handled') writeResponse(res, out, defaults);
    } catch (err) {
      const status = (err as { status?: number }).status ?? 500;
      try {
        writeResponse(res, errorBody(status, `${name}: ${(err as Error).message}`), defaults);
      } catch {
        res.destroy();
      }
    }
  });
  server.keepAliveTimeout = 5_000;
  server.on('clientError', (_err, socket) => socket.destroy());
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
    baseUrl: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** PDS and SDS (R4) Spine OperationOutcome (facts §5.1); SDS names its code system its own way. */
export function r4Outcome(
  status: number,
  code: string,
  display: string,
  diagnostics?: string,
  issueCode = 'invalid',
  system: string = SYS.spineErrorR4,
): SimResponse {
  return {
    status,
    body: {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: issueCode,
          details: { coding: [{ system, version: '1', code, display }] },
          ...(diagnostics ? { diagnostics } : {}),
        },
      ],
    },
  };
}

/** GP Connect provider error: GPConnect-OperationOutcome-1, exactly one coding from the CodeSystem (facts §6). */
export function gpcOutcome(
  status: number,
  code: string,
  display: string,
  diagnostics?: string,
  issueCode = 'invalid',
): SimResponse {
  return {
    status,
    body: {
      resourceType: 'OperationOutcome',
      meta: { profile: [PROFILE.operationOutcome] },
      issue: [
        {
          severity: 'error',
          code: issueCode,
          details: { coding: [{ system: SYS.spineErrorStu3, code, display }] },
          ...(diagnostics ? { diagnostics } : {}),
        },
      ],
    },
  };
}

/** The SSP's own errors: a plain OperationOutcome whose display carries the Spine text (facts §2.4). */
export function sspOutcome(status: number, issueCode: string, display: string): SimResponse {
  return {
    status,
    body: {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: issueCode,
          details: {
            coding: [
              {
                system: 'https://fhir.nhs.uk/StructureDefinition/spine-operationoutcome-1',
                code: String(status),
                display,
              },
            ],
          },
          diagnostics: display,
        },
      ],
    },
  };
}
