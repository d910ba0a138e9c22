/**
 * Consumer-assurance rules as data: each judges one recorded request (with what the consumer had learned
 * before it) and names the hop it was sent to. The provider-side edge rules (support/jwt/jwt-rules.ts) are
 * reused as they are for the Ssp-* headers and the JWT's presence and form; where a consumer owes more than
 * a provider can see (aud is the root SDS returned, the lifetime exactly 300 s) a CON- rule says so.
 */
import { EDGE_RULES, type EdgeRule, type RequestFacts } from '../jwt/jwt-rules';
import { identifierValue } from '../fhir/bundle';
import { SYS } from '../spine/systems';
import { jwtVariantOf } from '../versions';
import { originViolation } from '../topology/rules';
import type { Registry } from '../simulators/registry';
import { devicePartyKeys, patientsNamed, type GpcView, type Seen } from './context';
import type { RecordedRequest, RecordedService } from './recording';
import { BOOKING_BODY_CHECKS, SLOT_PARAM_CHECKS } from './request-shapes';
import { structuredBodyProblem } from './structured-body';

export interface RequestContext {
  request: RecordedRequest;
  seen: Seen;
  registry: Registry;
  /** Present for every request to the SSP. */
  gpc?: GpcView;
}

export interface ConsumerRule {
  id: string;
  hop: RecordedService;
  text: string;
  source: string;
  /** Whether the rule speaks about this request at all (a slot rule about slot searches only). */
  applies(c: RequestContext): boolean;
  /** A problem description, or undefined when the request obeys the rule. */
  check(c: RequestContext): string | undefined;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const isPath = (c: RequestContext, resource: string) => c.request.url.split('?')[0].endsWith(`/${resource}`);
const problems = (found: (string | undefined)[]) => found.filter(Boolean).join('; ') || undefined;

/** The edge rules' view of a recorded SSP request: the provider is the one the URL's practice registered. */
function edgeFacts(c: RequestContext, g: GpcView): RequestFacts {
  const practice = c.registry.as.find(
    (a) => a.odsCode === g.urlOds && c.registry.mhs.some((m) => m.partyKey === a.partyKey),
  );
  return {
    headers: c.request.headers,
    interaction: g.named && g.candidates.includes(g.named) ? g.named : undefined,
    candidates: g.candidates,
    providerAsid: practice?.asid ?? '',
    serviceRoot: g.urlRoot ?? '',
    nowSeconds: Math.floor(Date.parse(c.request.at) / 1000),
    // The embedded provider the consumer talks to runs the default version of each line.
    jwtVariant: jwtVariantOf(g.candidates[0]?.capability),
  };
}

/** A rule over GP Connect requests (sent to the SSP); `when` narrows it to some interactions. */
function gpcRule(
  id: string,
  text: string,
  source: string,
  check: (g: GpcView, c: RequestContext) => string | undefined,
  when: (g: GpcView) => boolean = () => true,
): ConsumerRule {
  return { id, hop: 'ssp', text, source, applies: (c) => !!c.gpc && when(c.gpc), check: (c) => check(c.gpc!, c) };
}

/** An edge rule judged on the consumer's request, under its own ID or a consumer ID that restates it. */
function fromEdge(edge: EdgeRule, id = edge.id, interactionFrom: 'url' | 'header' = 'url'): ConsumerRule {
  return gpcRule(id, edge.text, `${edge.source} (edge rule ${edge.id})`, (g, c) => {
    const facts = edgeFacts(c, g);
    return edge.check(interactionFrom === 'header' ? { ...facts, interaction: g.named } : facts, g.claims);
  });
}

/** Edge rules a CON- rule restates with the consumer's stricter reading, so one fault is not reported twice. */
const RESTATED: Record<string, { id: string; interactionFrom?: 'header' }> = {
  'JWT-LIFETIME': { id: 'CON-JWT-LIFETIME' },
  'JWT-SUB': { id: 'CON-JWT-SUB' },
  // The consumer's scope must fit the interaction it names, whether or not the URL agrees (that is HDR-INTERACTION-MATCH).
  'JWT-SCOPE-MATCH': { id: 'CON-JWT-SCOPE', interactionFrom: 'header' },
};
/** Replaced outright: a provider compares aud with its own root; a consumer must send the root SDS returned (CON-JWT-AUD). */
const REPLACED = ['JWT-AUD-ROOT'];

const requestingOds = (g: GpcView) => identifierValue(g.claims?.requesting_organization, SYS.odsOrg);

export const CONSUMER_RULES: readonly ConsumerRule[] = [
  {
    id: 'CON-PDS-REQUEST-ID',
    hop: 'pds',
    text: 'Every PDS request carries X-Request-ID, a UUID',
    source: 'facts §5.1',
    applies: (c) => c.request.service === 'pds',
    check: (c) => {
      const id = c.request.headers['x-request-id'];
      return !id
        ? 'X-Request-ID is missing'
        : UUID.test(id)
          ? undefined
          : `X-Request-ID ${JSON.stringify(id)} is not a UUID`;
    },
  },
  {
    id: 'CON-SDS-TWO-STEP',
    hop: 'sds',
    text: "SDS lookup is two-step: Endpoint by ODS + interaction, then Device naming the Endpoint's party key",
    source: 'facts §5.2, T13',
    applies: (c) => c.request.service === 'sds' && isPath(c, 'Device'),
    check: (c) => {
      const keys = devicePartyKeys(c.request);
      if (!keys.length) return 'Device search without a party key identifier (one-step lookup)';
      const unknown = keys.filter((k) => !c.seen.partyKeys.has(k));
      return unknown.length
        ? `Device search names party key ${unknown.join(', ')}, which no earlier Endpoint answer returned`
        : undefined;
    },
  },
  ...EDGE_RULES.filter((r) => !REPLACED.includes(r.id)).map((r) =>
    fromEdge(r, RESTATED[r.id]?.id, RESTATED[r.id]?.interactionFrom),
  ),
  gpcRule(
    'CON-URL-ROOT',
    'The SSP URL carries a service root byte-identical to one SDS returned',
    'facts §2.1',
    (g, c) =>
      g.urlRoot && c.seen.roots.has(g.urlRoot)
        ? undefined
        : `URL root ${JSON.stringify(g.urlRoot ?? g.targetUrl)} is not a root SDS returned (${[...c.seen.roots.keys()].join(', ') || 'none yet'})`,
  ),
  gpcRule('CON-JWT-AUD', 'aud is the service root SDS returned, the one the URL targets', 'facts §3.2', (g, c) => {
    const aud = g.claims?.aud;
    if (aud === undefined) return undefined;
    if (typeof aud !== 'string' || !c.seen.roots.has(aud))
      return `aud ${JSON.stringify(aud)} is not a root SDS returned`;
    return g.urlRoot && c.seen.roots.has(g.urlRoot) && aud !== g.urlRoot
      ? `aud ${aud} is not the root the URL targets (${g.urlRoot})`
      : undefined;
  }),
  gpcRule('CON-T11-ROOT', "A root is used only for its own capability's interactions", 'facts §1, T11', (g, c) => {
    const rootCapability = g.urlRoot ? c.seen.roots.get(g.urlRoot) : undefined;
    return !g.named || !rootCapability || rootCapability === g.named.capability
      ? undefined
      : `${g.named.name} (${g.named.capability}) sent to a root SDS returned for ${rootCapability}`;
  }),
  gpcRule(
    'CON-T2-ORIGIN',
    'Ssp-From is an ASID of the organisation requesting_organization names',
    'facts §2.2, T2',
    (g, c) => {
      const from = c.request.headers['ssp-from'];
      if (!from || !g.claims?.requesting_organization) return undefined;
      const ods = requestingOds(g);
      return originViolation(
        { sspFrom: from, requestingOds: ods },
        c.registry.as.filter((a) => a.odsCode === ods),
      )?.message;
    },
  ),
  gpcRule(
    'CON-PDS-FIRST',
    'A patient is traced on PDS before any GP Connect request about them',
    'facts §5.6 (prerequisites), §5.1',
    (g, c) => {
      const untraced = patientsNamed(g, c.seen).filter((n) => !c.seen.traced.has(n));
      return untraced.length ? `no earlier PDS trace for ${untraced.join(', ')}` : undefined;
    },
  ),
  gpcRule(
    'CON-SLOT-PARAMS',
    'A slot search uses start=ge…, end=le… (at most 14 days), status=free and _include=Slot:schedule',
    'facts §5.4',
    (g) => problems(SLOT_PARAM_CHECKS.map((check) => check(g.query))),
    (g) => g.named?.name === 'search free slots' || g.path === '/Slot',
  ),
  gpcRule(
    'CON-BOOKING-BODY',
    'A booking body has the required elements, no reason or specialty, and a contained booking organisation with name and telecom',
    'facts §5.6',
    (g) =>
      g.body
        ? problems(BOOKING_BODY_CHECKS.map(([what, ok]) => (ok(g.body!) ? undefined : `expected ${what}`)))
        : 'the body is not a JSON resource',
    (g) => g.named?.name === 'book appointment',
  ),
  gpcRule(
    'CON-ARS-PARAMETERS',
    'A get structured record body is a Parameters the operation accepts: known parameters and parts, typed values, valid dates and combinations',
    'facts §5.8; OperationDefinition GPConnect-GetStructuredRecord-Operation-1 v1.16.0',
    (_g, c) => structuredBodyProblem(c.request.body, c.request.at),
    (g) => g.named?.name === 'get structured record',
  ),
];

export interface Breach {
  rule: ConsumerRule;
  problem: string;
}
