/**
 * Transport faults: a hostile network in front of one hop. The fault-injecting proxy stands where the hop's
 * traffic goes (for the provider, between the SSP and the provider, so the harness sees what the SSP relays)
 * and misbehaves in one way; TLS, DNS and configuration faults instead change the hop's address.
 * Fault ids are `transport-<hop>-<kind>`: 12 kinds × 4 hops, each proving the harness names hop and kind.
 */
import http, { type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { MAX_RESPONSE_BYTES } from '../spine/http';

export const TRANSPORT_HOPS = ['pds', 'sds', 'ssp', 'provider'] as const;
export type TransportHop = (typeof TRANSPORT_HOPS)[number];

/** How a fault reaches the hop: through the proxy, or by an address the harness (or the SSP) cannot use. */
export type Placement = 'proxy' | 'https-to-plain-port' | 'unresolvable-host' | 'wrong-base-path';

interface KindSpec {
  kind: string;
  description: string;
  placement: Placement;
  /** What the harness names (FailureRecord.kind) when it talks to the hop itself. */
  names: string;
  /**
   * What it names when the fault is between the SSP and the provider: the SSP only says it could not reach
   * the provider (502) or timed out (504), so a reset, a TLS and a DNS failure look alike from the consumer.
   */
  namesBehindSsp?: string;
}

const UNREACHABLE = 'provider-unreachable';

export const TRANSPORT_KINDS = [
  { kind: 'timeout', description: 'accepts the request and never answers', placement: 'proxy', names: 'timeout' },
  {
    kind: 'connection-reset',
    description: 'resets the connection on every request',
    placement: 'proxy',
    names: 'connection-reset',
    namesBehindSsp: UNREACHABLE,
  },
  {
    kind: 'malformed-json',
    description: 'answers application/fhir+json that is not JSON',
    placement: 'proxy',
    names: 'malformed-json',
  },
  {
    kind: 'html-error-page',
    description: 'answers a load balancer’s HTML error page',
    placement: 'proxy',
    names: 'html-error-page',
  },
  {
    kind: 'wrong-content-type',
    description: 'labels a FHIR body text/plain',
    placement: 'proxy',
    names: 'content-type',
  },
  { kind: '5xx', description: 'answers a server error with an OperationOutcome', placement: 'proxy', names: '5xx' },
  {
    kind: 'truncated-body',
    description: 'closes the connection halfway through a body of declared length',
    placement: 'proxy',
    names: 'truncated-body',
  },
  {
    kind: 'oversize-body',
    description: `streams a body larger than the ${MAX_RESPONSE_BYTES} bytes the harness buffers`,
    placement: 'proxy',
    names: 'oversize-body',
  },
  {
    kind: 'slow-drip',
    description: 'sends the status line, then the body one byte at a time',
    placement: 'proxy',
    names: 'slow-body',
  },
  {
    kind: 'tls',
    description: 'the hop’s URL is https:// to a port that speaks plain HTTP',
    placement: 'https-to-plain-port',
    names: 'tls',
    namesBehindSsp: UNREACHABLE,
  },
  {
    kind: 'dns',
    description: 'the hop’s host name does not resolve (<hop>.gpc-assure.invalid)',
    placement: 'unresolvable-host',
    names: 'dns',
    namesBehindSsp: UNREACHABLE,
  },
  {
    kind: 'config',
    description:
      'the hop’s base URL has a wrong path: only a run finds it (a 404 page; the SSP cannot read its target URL)',
    placement: 'wrong-base-path',
    names: 'config',
  },
] as const satisfies readonly KindSpec[];

export type TransportKindName = (typeof TRANSPORT_KINDS)[number]['kind'];

export interface TransportFaultMode {
  id: string;
  hop: TransportHop;
  kind: TransportKindName;
  placement: Placement;
  description: string;
  /** The FailureRecord.kind the harness must name. */
  names: string;
}

export const TRANSPORT_FAULTS: readonly TransportFaultMode[] = TRANSPORT_HOPS.flatMap((hop) =>
  TRANSPORT_KINDS.map((k: KindSpec) => ({
    id: `transport-${hop}-${k.kind}`,
    hop,
    kind: k.kind as TransportKindName,
    placement: k.placement,
    description: `${hop === 'provider' ? 'Between the SSP and the provider' : `In front of ${hop.toUpperCase()}`}: ${k.description}`,
    names: (hop === 'provider' && k.namesBehindSsp) || k.names,
  })),
);

const BY_ID = new Map(TRANSPORT_FAULTS.map((f) => [f.id, f]));
export const transportFault = (id: string): TransportFaultMode | undefined => BY_ID.get(id);
export const isTransportFault = (id: string): boolean => BY_ID.has(id);

/** The wrong path a `config` fault adds to the hop's base URL. */
export const WRONG_BASE_PATH = '/wrong-base-path';
export const unresolvableHost = (hop: TransportHop) => `${hop}.gpc-assure.invalid`;

/**
 * The SSP answers with gateway statuses; the others with their own. The harness decides which hop wrote an
 * answer on the SSP leg from its status line, so a fault in front of the SSP must look like the SSP's.
 */
const statusFor = (hop: TransportHop, ownStatus: number) => (hop === 'ssp' ? 502 : ownStatus);

const outcome = (code: string) =>
  JSON.stringify({
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: 'exception', diagnostics: `gpc-assure chaos: ${code}` }],
  });

type Behaviour = (res: ServerResponse, hop: TransportHop) => void;

const FHIR = { 'Content-Type': 'application/fhir+json' };

/** Writes `total` bytes of a JSON string body in 64 KiB chunks, respecting back-pressure, until done or closed. */
function stream(res: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  res.write('{"resourceType":"Binary","data":"');
  const pump = () => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end('"}');
  };
  pump();
}

function drip(res: ServerResponse, status: number): void {
  res.writeHead(status, FHIR);
  res.flushHeaders();
  const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 100);
  res.on('close', () => clearInterval(timer));
}

const BEHAVIOURS: Record<TransportKindName, Behaviour> = {
  // The socket is destroyed when the proxy closes; until then the request simply waits.
  timeout: () => undefined,
  'connection-reset': (res) => (res.socket as Socket | null)?.resetAndDestroy(),
  'malformed-json': (res, hop) => res.writeHead(statusFor(hop, 200), FHIR).end('{"resourceType": "Patient", "id": '),
  'html-error-page': (res, hop) =>
    res
      .writeHead(statusFor(hop, 500), { 'Content-Type': 'text/html' })
      .end(
        '<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>',
      ),
  'wrong-content-type': (res, hop) =>
    res.writeHead(statusFor(hop, 200), { 'Content-Type': 'text/plain' }).end(outcome('wrong content type')),
  '5xx': (res, hop) => res.writeHead(hop === 'ssp' ? 503 : 500, FHIR).end(outcome('server error')),
  'truncated-body': (res, hop) => {
    const body = outcome('truncated');
    res.writeHead(statusFor(hop, 200), { ...FHIR, 'Content-Length': String(body.length) });
    res.write(body.slice(0, Math.floor(body.length / 2)), () => res.destroy());
  },
  'oversize-body': (res, hop) => {
    res.writeHead(statusFor(hop, 200), FHIR);
    stream(res, MAX_RESPONSE_BYTES + 1024 * 1024);
  },
  'slow-drip': (res, hop) => drip(res, statusFor(hop, 200)),
  // The address is what is wrong, so no HTTP request should arrive; if one does, it is misdirected.
  tls: (res) => res.writeHead(421).end(),
  dns: (res) => res.writeHead(421).end(),
  config: (res) =>
    res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html><body><h1>404 Not Found</h1></body></html>'),
};

export interface ChaosProxy {
  port: number;
  baseUrl: string;
  close(): Promise<void>;
}

/** Starts the proxy for one fault. It answers everything itself: the hop behind it is never asked. */
export async function startChaos(fault: TransportFaultMode): Promise<ChaosProxy> {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    // Read the request fully first, so every behaviour answers a complete request.
    req.resume();
    req.on('end', () => BEHAVIOURS[fault.kind](res, fault.hop));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // A TLS ClientHello is not HTTP: answering in plain HTTP is what makes the client name a TLS failure.
  server.on('clientError', (_err, socket) => socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
