/**
 * The embedded Spine Secure Proxy ('SSP URL construction' to 'SSP error responses'). A request arrives as `{ssp}/{provider service root,
 * verbatim}/{fhir path}`; the SSP checks method and media type, the Ssp-* headers, the sender's and the
 * receiver's registrations for the interaction, the data-sharing agreement and that the target URL is
 * byte-identical to the registered endpoint, then forwards it unmodified and streams the answer back.
 * Its own refusals are plain OperationOutcomes (sspOutcome), never GP Connect-profiled ones.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream';
import { interactionById } from '../interactions';
import { refusalDisplay, SSP_RULES, sspRule, type SspRuleId } from '../spine/ssp-rules';
import type { Faults } from './faults';
import { startServer, type RunningServer, type SimRequest, type SimResponse } from './http-kit';
import { sspOutcome } from './operation-outcomes';
import { asByAsid, endpointFor, hasAgreement, type Registry } from '../domain/registry';

export interface SspOptions {
  port: number;
  faults: Faults;
  registry: Registry;
  /** How long the provider may take to start answering before the SSP gives up with 504. */
  timeoutMs?: number;
  /** Shorter deadlines for some practices (by ODS code): the embedded slow practice's, so its 504 is quick. */
  practiceTimeoutMs?: Record<string, number>;
  /**
   * Where a checked target URL is sent. By default the URL itself; a run against real SDS answers maps
   * their roots onto the embedded provider (support/simulators/embedded-ssp.ts), since those hosts are not ours.
   */
  forwardTo?: (target: string) => string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const IDLE_SOCKET_MS = 4_000;
const FORWARDED_METHODS = new Set(['GET', 'POST', 'PUT']);
const BODY_METHODS = new Set(['POST', 'PUT']);
const FHIR_MEDIA_TYPES = new Set(['application/fhir+json', 'application/fhir+xml']);
const SSP_HEADERS = ['Ssp-TraceID', 'Ssp-From', 'Ssp-To', 'Ssp-InteractionID'] as const;
/** RFC 7230 §6.1 hop-by-hop headers: they describe one connection and never travel further. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);
/** Request headers the SSP writes afresh for the provider leg (its host; the body's length as re-sent). */
const REWRITTEN_ON_REQUEST = new Set(['host', 'content-length', 'forwarded', 'x-forwarded-for']);

/** What may follow the registered root in a target URL: nothing, a query, or a FHIR path. */
const ROOT_FOLLOWED_BY = /^(?:$|\?|\/(?!\/))/;

/**
 * A check names what breaks its rule (the facts its display is filled with, support/spine/ssp-rules.ts),
 * or answers undefined when the request may go on to the next check.
 */
type Check = (req: SimRequest, ctx: CheckContext) => Facts | undefined;
type Facts = Record<string, string>;

interface CheckContext {
  registry: Registry;
  target: string;
}

const header = (req: SimRequest, name: string) => req.headers[name.toLowerCase()] ?? '';
const mediaType = (contentType: string) => contentType.split(';')[0].trim().toLowerCase();
/** The MHS record the request's Ssp-To and interaction name: what the target URL must match. */
const registeredEndpoint = (req: SimRequest, registry: Registry) =>
  endpointFor(registry, header(req, 'Ssp-To'), header(req, 'Ssp-InteractionID'));

/** The rules the SSP checks before forwarding; the other two (502, 504) are about the provider leg. */
type CheckedRule = Exclude<SspRuleId, 'SSP-UNREACHABLE' | 'SSP-TIMEOUT'>;

/** Facts §2.3/§2.4, keyed by SSP rule and in the order the SSP applies them: `ssp-lenient-<rule>` skips one. */
const CHECKS: Record<CheckedRule, Check> = {
  'SSP-METHOD': (req) => (FORWARDED_METHODS.has(req.method) ? undefined : {}),
  'SSP-MEDIA': (req) =>
    BODY_METHODS.has(req.method) && !FHIR_MEDIA_TYPES.has(mediaType(header(req, 'content-type'))) ? {} : undefined,
  'SSP-HEADERS': (req) => {
    const missing = SSP_HEADERS.find((name) => !header(req, name));
    return missing ? { header: missing } : undefined;
  },
  'SSP-ASID': (req, { registry }) => {
    const sender = asByAsid(registry, header(req, 'Ssp-From'));
    return sender?.interactions.includes(header(req, 'Ssp-InteractionID'))
      ? undefined
      : { from: header(req, 'Ssp-From') };
  },
  'SSP-PARTYKEY': (req, { registry }) =>
    registeredEndpoint(req, registry) ? undefined : { to: header(req, 'Ssp-To') },
  'SSP-FOT': (req, { registry }) => {
    const [from, to] = [header(req, 'Ssp-From'), header(req, 'Ssp-To')];
    return hasAgreement(registry, from, to) ? undefined : { from, to };
  },
  'SSP-URL': (req, { registry, target }) => {
    // With no record to compare (only when the receiver check is skipped) there is nothing to refuse on.
    const mhs = registeredEndpoint(req, registry);
    if (!mhs) return undefined;
    const { endpoint, cpaId } = mhs;
    // Byte-identical: no case folding, no default-port or IP-for-hostname equivalence ('SSP URL construction'). The
    // FHIR path follows the root with one `/`, so `root//metadata` is a root with a trailing slash.
    const matches = target.startsWith(endpoint) && ROOT_FOLLOWED_BY.test(target.slice(endpoint.length));
    return matches ? undefined : { endpoint, cpaId, target };
  },
  'SSP-URL-INTEGRITY': (_req, { target }) => {
    // The SSP forwards the URL it parsed; one that parses to other bytes (dot segments, `\`, default port)
    // would reach a path the checks above never saw, so it must arrive already in normal form.
    const normalised = new URL(target).href;
    return normalised === target ? undefined : { target, normalised };
  },
};

/** The SSP's refusal under one of its rules: status, issue type and display all come from SSP_RULES. */
function refusal(ruleId: SspRuleId, facts?: Facts): SimResponse {
  const rule = sspRule(ruleId);
  return sspOutcome(rule.status, rule.issueCode, refusalDisplay(rule, facts));
}

/** The rules this SSP enforces: all of SSP_RULES, less any a lenient fault takes out (on this interaction). */
const enforcedRules = (faults: Faults, req: SimRequest) =>
  faults.apply('ssp.rules', new Set(SSP_RULES.map((r) => r.id)), {
    interaction: interactionById(req.headers['ssp-interactionid'] ?? '')?.name,
  });

/** The SSP cannot forward to what it cannot read, lenient or not: this comes before every rule. */
const unreadableTarget = (target: string) =>
  /^https?:\/\//.test(target) && URL.canParse(target)
    ? undefined
    : sspOutcome(400, 'invalid', `INVALID_TARGETURL_${target}`);

/** RFC 7239 node: IPv6 addresses are quoted and bracketed. */
const forwardedNode = (address: string) => (address.includes(':') ? `"[${address}]"` : address);

/** The incoming headers minus hop-by-hop ones, original casing and repeats kept, plus RFC 7239 ones. */
function forwardHeaders(raw: IncomingMessage, body: string, target: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (let i = 0; i < raw.rawHeaders.length; i += 2) {
    const [name, value] = [raw.rawHeaders[i], raw.rawHeaders[i + 1]];
    if (HOP_BY_HOP.has(name.toLowerCase()) || REWRITTEN_ON_REQUEST.has(name.toLowerCase())) continue;
    const prev = out[name];
    out[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  const client = raw.socket.remoteAddress ?? 'unknown';
  const priorFor = raw.headers['x-forwarded-for'];
  const prior = raw.headers['forwarded'];
  const element = `for=${forwardedNode(client)};host="${raw.headers.host ?? ''}";proto=http`;
  out['Forwarded'] = prior ? `${prior}, ${element}` : element;
  out['X-Forwarded-For'] = priorFor ? `${priorFor}, ${client}` : client;
  out['Host'] = target.host;
  if (body || BODY_METHODS.has(raw.method ?? '')) out['Content-Length'] = String(Buffer.byteLength(body));
  return out;
}

/** The provider's response headers as a flat [name, value, …] list: verbatim, minus hop-by-hop ones. */
function responseHeaders(upstream: IncomingMessage): string[] {
  const out: string[] = [];
  for (let i = 0; i < upstream.rawHeaders.length; i += 2)
    if (!HOP_BY_HOP.has(upstream.rawHeaders[i].toLowerCase()))
      out.push(upstream.rawHeaders[i], upstream.rawHeaders[i + 1]);
  return out;
}

/** What a lenient SSP-UNREACHABLE SSP answers: a bare server error, no status of its own, no Spine code. */
const UNHANDLED_UPSTREAM_ERROR: SimResponse = {
  status: 500,
  body: {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: 'exception', diagnostics: 'Internal Server Error' }],
  },
};

interface Agents {
  'http:': http.Agent;
  'https:': https.Agent;
}

/**
 * Sends the request on and pipes the answer back. Resolves with an SSP error while nothing has been sent
 * to the consumer yet (502 cannot connect, 504 timeout), or 'handled' once the provider's answer streams.
 */
function forward(
  req: SimRequest,
  raw: { req: IncomingMessage; res: ServerResponse },
  target: string,
  agents: Agents,
  timeoutMs: number,
  enforced: ReadonlySet<SspRuleId>,
): Promise<SimResponse | 'handled'> {
  const url = new URL(target);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    // Once the provider's status line has gone to the consumer, a failure can only cut the connection.
    const failWith = (answer: SimResponse) => (raw.res.headersSent ? raw.res.destroy() : resolve(answer));
    const upstream = transport.request(url, {
      method: req.method,
      headers: forwardHeaders(raw.req, req.body, url),
      agent: agents[url.protocol as keyof Agents],
    });
    let timedOut = false;
    // A lenient SSP-TIMEOUT SSP sets no deadline: it waits as long as the provider takes.
    const timer = enforced.has('SSP-TIMEOUT')
      ? setTimeout(() => {
          timedOut = true;
          upstream.destroy();
          failWith(refusal('SSP-TIMEOUT', { target }));
        }, timeoutMs)
      : undefined;
    upstream.on('error', () => {
      clearTimeout(timer);
      // Destroying the request on timeout errors it too; the 504 has already been chosen.
      if (!timedOut)
        failWith(enforced.has('SSP-UNREACHABLE') ? refusal('SSP-UNREACHABLE', { target }) : UNHANDLED_UPSTREAM_ERROR);
    });
    upstream.on('response', (answer) => {
      raw.res.writeHead(answer.statusCode ?? 502, answer.statusMessage, responseHeaders(answer));
      resolve('handled');
      // pipeline destroys both streams on a reset either side; the error itself needs no further answer.
      pipeline(answer, raw.res, () => clearTimeout(timer));
    });
    upstream.end(req.body);
  });
}

export async function startSsp(opts: SspOptions): Promise<RunningServer> {
  // Idle sockets are dropped before a typical server's keep-alive timeout (Node's is 5 s), so a reused
  // socket is never one the provider is closing; Node shortens this further on a Keep-Alive hint.
  const reuse = { keepAlive: true, timeout: IDLE_SOCKET_MS };
  const agents: Agents = { 'http:': new http.Agent(reuse), 'https:': new https.Agent(reuse) };
  const server = await startServer(
    'ssp',
    opts.port,
    (req, raw) => {
      const ctx: CheckContext = { registry: opts.registry, target: req.rawUrl.slice(1) };
      const unreadable = unreadableTarget(ctx.target);
      if (unreadable) return unreadable;
      const enforced = enforcedRules(opts.faults, req);
      for (const [rule, check] of Object.entries(CHECKS) as [CheckedRule, Check][]) {
        const broken = enforced.has(rule) ? check(req, ctx) : undefined;
        if (broken) return refusal(rule, broken);
      }
      const ods = registeredEndpoint(req, opts.registry)?.odsCode;
      const timeoutMs = (ods && opts.practiceTimeoutMs?.[ods]) || opts.timeoutMs || DEFAULT_TIMEOUT_MS;
      return forward(req, raw, opts.forwardTo?.(ctx.target) ?? ctx.target, agents, timeoutMs, enforced);
    },
    (status, message) => sspOutcome(status, status >= 500 ? 'exception' : 'invalid', message),
  );
  return {
    ...server,
    close: async () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
      await server.close();
    },
  };
}
