/**
 * Consumer-assurance rules as data: each judges one recorded request (with what the consumer had learned
 * before it) and names the hop it was sent to. The provider-side edge rules (support/jwt/jwt-rules.ts) are
 * reused as they are for the Ssp-* headers and the JWT's presence and form; where a consumer owes more than
 * a provider can see (aud is the root SDS returned, the lifetime exactly 300 s) a CON- rule says so.
 */
import { EDGE_RULES, type EdgeRule, type RequestFacts } from '../jwt/jwt-rules';
import { identifierValue } from '../fhir/bundle';
import { UUID_PATTERN } from '../spine/nhs-number';
import { SYS } from '../spine/systems';
import { jwtVariantOf } from '../versions';
import { originViolation } from '../topology/rules';
import type { Registry } from '../domain/registry';
import { devicePartyKeys, patientsNamed, type GpcView, type Seen } from './context';
import type { RecordedRequest, RecordedService } from './recording';
import { BOOKING_BODY_CHECKS, SLOT_PARAM_CHECKS } from './request-shapes';
import { behaviour, type ConsumerRuleId } from '../domain/catalogue';
import { structuredBodyProblem } from './structured-body';
import { fresh, type ConsumerCache } from './cache';
import { documentSearchProblem } from './documents-search';

export interface RequestContext {
  request: RecordedRequest;
  seen: Seen;
  registry: Registry;
  /** What the consumer's target file declares it cached, with the windows its traces and SDS details keep. */
  cache?: ConsumerCache;
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

const SERVICES: readonly string[] = ['pds', 'sds', 'ssp'] satisfies RecordedService[];

/** A CON- rule's catalogue record (support/domain/behaviours/consumer.ts): ID, the hop it is sent to, text, source. */
function consumerRule(id: ConsumerRuleId): Pick<ConsumerRule, 'id' | 'hop' | 'text' | 'source'> {
  const { hop, text, source } = behaviour(id);
  if (!SERVICES.includes(hop)) throw new Error(`consumer rule ${id} has hop ${hop}, not a service a consumer sends to`);
  return { id, hop: hop as RecordedService, text, source };
}

/** A rule over GP Connect requests (sent to the SSP); `when` narrows it to some interactions. */
function gpcRule(
  id: ConsumerRuleId,
  check: (g: GpcView, c: RequestContext) => string | undefined,
  when: (g: GpcView) => boolean = () => true,
): ConsumerRule {
  return { ...consumerRule(id), applies: (c) => !!c.gpc && when(c.gpc), check: (c) => check(c.gpc!, c) };
}

/** An edge rule judged on the consumer's request, under its own ID or a consumer ID that restates it. */
function fromEdge(edge: EdgeRule, restated?: ConsumerRuleId, interactionFrom: 'url' | 'header' = 'url'): ConsumerRule {
  const check = (c: RequestContext) => {
    const g = c.gpc!;
    const facts = edgeFacts(c, g);
    return edge.check(interactionFrom === 'header' ? { ...facts, interaction: g.named } : facts, g.claims);
  };
  const own = restated
    ? consumerRule(restated)
    : { id: edge.id, hop: 'ssp' as const, text: edge.text, source: edge.source };
  // A rule over the claims says nothing of a token that does not decode: JWT-BEARER reports that once.
  return { ...own, applies: (c) => !!c.gpc && (!readsClaims(edge) || c.gpc.claims !== undefined), check };
}

/**
 * Edge rules that read the token's claims. When the payload does not decode (or there is no token) they
 * are not judged: JWT-BEARER's one "does not decode" says it all, and ten "claim missing" would mislead.
 */
export const readsClaims = (edge: EdgeRule) => edge.id.startsWith('JWT-') && edge.id !== 'JWT-BEARER';

/** Edge rules a CON- rule restates with the consumer's stricter reading, so one fault is not reported twice. */
const RESTATED: Record<string, { id: ConsumerRuleId; interactionFrom?: 'header' }> = {
  'JWT-LIFETIME': { id: 'CON-JWT-LIFETIME' },
  'JWT-SUB': { id: 'CON-JWT-SUB' },
  // The consumer's scope must fit the interaction it names, whether or not the URL agrees (that is HDR-INTERACTION-MATCH).
  'JWT-SCOPE-MATCH': { id: 'CON-JWT-SCOPE', interactionFrom: 'header' },
};
/** Replaced outright: a provider compares aud with its own root; a consumer must send the root SDS returned (CON-JWT-AUD). */
const REPLACED = ['JWT-AUD-ROOT'];

/** The FHIR STU3 media types (CON-MEDIA-TYPE); the DSTU2 ones (`application/json+fhir`) are legacy. */
const FHIR_MEDIA_TYPES = ['application/fhir+json', 'application/fhir+xml'];
const parseMediaType = (value: string) => {
  const [type, ...params] = value.split(';').map((part) => part.trim().toLowerCase());
  return {
    type,
    charset: params
      .find((p) => p.startsWith('charset='))
      ?.slice('charset='.length)
      .replace(/"/g, ''),
  };
};

function mediaTypeProblems(c: RequestContext): (string | undefined)[] {
  const accept = c.request.headers['accept'];
  const contentType = c.request.headers['content-type'];
  // A wildcard range states no preference, like no Accept at all: the provider answers JSON (FMT-NEGOTIATE).
  const accepted = (accept?.split(',').map(parseMediaType) ?? []).filter(
    (m) => !['*/*', 'application/*'].includes(m.type),
  );
  const content = contentType === undefined ? undefined : parseMediaType(contentType);
  return [
    accepted.length > 0 && !accepted.some((m) => FHIR_MEDIA_TYPES.includes(m.type))
      ? `Accept ${JSON.stringify(accept)} names no FHIR media type (${FHIR_MEDIA_TYPES.join(' or ')})`
      : undefined,
    c.request.body && content === undefined ? 'a request with a body has no Content-Type' : undefined,
    content && !FHIR_MEDIA_TYPES.includes(content.type)
      ? `Content-Type ${JSON.stringify(contentType)} is not a FHIR media type (${FHIR_MEDIA_TYPES.join(' or ')})`
      : undefined,
    content && content.charset !== 'utf-8'
      ? `Content-Type ${JSON.stringify(contentType)} does not state charset=utf-8`
      : undefined,
  ];
}

/** requesting_practitioner as the STU3 Practitioner CON-JWT-PRACTITIONER-SHAPE describes, not the DSTU2 one of 0.x. */
export function practitionerShapeProblems(practitioner: Record<string, unknown>): (string | undefined)[] {
  const ids = Array.isArray(practitioner.identifier) ? (practitioner.identifier as { system?: unknown }[]) : [];
  const names = practitioner.name;
  return [
    identifierValue(practitioner, SYS.sdsUserId)
      ? undefined
      : `requesting_practitioner has no identifier with system ${SYS.sdsUserId} (systems sent: ${ids.map((i) => JSON.stringify(i?.system)).join(', ') || 'none'})`,
    !Array.isArray(names) || names.length === 0
      ? `requesting_practitioner.name is ${Array.isArray(names) ? 'empty' : names === undefined ? 'missing' : 'a single object (the DSTU2 shape)'}, expected an array of HumanName`
      : names.some((n) => typeof (n as { family?: unknown })?.family !== 'string')
        ? 'requesting_practitioner.name has a family that is not a string (DSTU2 HumanName.family was an array)'
        : undefined,
  ];
}

const requestingOds = (g: GpcView) => identifierValue(g.claims?.requesting_organization, SYS.odsOrg);

export const CONSUMER_RULES: readonly ConsumerRule[] = [
  {
    ...consumerRule('CON-PDS-REQUEST-ID'),
    applies: (c) => c.request.service === 'pds',
    check: (c) => {
      const id = c.request.headers['x-request-id'];
      return !id
        ? 'X-Request-ID is missing'
        : UUID_PATTERN.test(id)
          ? undefined
          : `X-Request-ID ${JSON.stringify(id)} is not a UUID`;
    },
  },
  {
    ...consumerRule('CON-SDS-TWO-STEP'),
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
  gpcRule('CON-URL-ROOT', (g, c) =>
    g.urlRoot && c.seen.roots.has(g.urlRoot)
      ? fresh(c.seen.rootsAt.get(g.urlRoot), c.request.at, c.cache?.sdsWindowSeconds)
        ? undefined
        : `URL root ${g.urlRoot} was returned by SDS at ${c.seen.rootsAt.get(g.urlRoot)}, longer ago than the declared window of ${c.cache?.sdsWindowSeconds} s`
      : `URL root ${JSON.stringify(g.urlRoot ?? g.targetUrl)} is not a root SDS returned (${[...c.seen.roots.keys()].join(', ') || 'none yet'})`,
  ),
  gpcRule('CON-JWT-AUD', (g, c) => {
    const aud = g.claims?.aud;
    if (aud === undefined) return undefined;
    if (typeof aud !== 'string' || !c.seen.roots.has(aud))
      return `aud ${JSON.stringify(aud)} is not a root SDS returned`;
    return g.urlRoot && c.seen.roots.has(g.urlRoot) && aud !== g.urlRoot
      ? `aud ${aud} is not the root the URL targets (${g.urlRoot})`
      : undefined;
  }),
  gpcRule('CON-T11-ROOT', (g, c) => {
    const rootCapability = g.urlRoot ? c.seen.roots.get(g.urlRoot) : undefined;
    return !g.named || !rootCapability || rootCapability === g.named.capability
      ? undefined
      : `${g.named.name} (${g.named.capability}) sent to a root SDS returned for ${rootCapability}`;
  }),
  gpcRule('CON-T2-ORIGIN', (g, c) => {
    const from = c.request.headers['ssp-from'];
    if (!from || !g.claims?.requesting_organization) return undefined;
    const ods = requestingOds(g);
    return originViolation(
      { sspFrom: from, requestingOds: ods },
      c.registry.as.filter((a) => a.odsCode === ods),
    )?.message;
  }),
  gpcRule(
    'CON-JWT-UNSIGNED',
    (g) =>
      g.jose!.header.alg !== 'none'
        ? `JWT header alg is ${JSON.stringify(g.jose!.header.alg)}, expected "none"`
        : g.jose!.signature
          ? `JWT header says alg "none" but the token carries a ${g.jose!.signature.length}-character signature`
          : undefined,
    (g) => g.jose !== undefined,
  ),
  gpcRule(
    'CON-JWT-PRACTITIONER-SHAPE',
    (g) => problems(practitionerShapeProblems(g.claims!.requesting_practitioner as Record<string, unknown>)),
    (g) =>
      (g.claims?.requesting_practitioner as { resourceType?: unknown } | undefined)?.resourceType === 'Practitioner',
  ),
  gpcRule('CON-MEDIA-TYPE', (_g, c) => problems(mediaTypeProblems(c))),
  gpcRule('CON-PDS-FIRST', (g, c) => {
    const named = patientsNamed(g, c.seen);
    const untraced = named.filter((n) => !c.seen.traced.has(n));
    const stale = named.filter(
      (n) => c.seen.traced.has(n) && !fresh(c.seen.traced.get(n), c.request.at, c.cache?.traceWindowSeconds),
    );
    return problems([
      untraced.length ? `no earlier PDS trace for ${untraced.join(', ')}` : undefined,
      stale.length
        ? `the PDS trace for ${stale.join(', ')} is older than the declared window of ${c.cache?.traceWindowSeconds} s`
        : undefined,
    ]);
  }),
  gpcRule(
    'CON-SLOT-PARAMS',
    (g) => problems(SLOT_PARAM_CHECKS.map((check) => check(g.query))),
    (g) => g.named?.name === 'search free slots' || g.path === '/Slot',
  ),
  gpcRule(
    'CON-BOOKING-BODY',
    (g) =>
      g.body
        ? problems(BOOKING_BODY_CHECKS.map(([what, ok]) => (ok(g.body!) ? undefined : `expected ${what}`)))
        : 'the body is not a JSON resource',
    (g) => g.named?.name === 'book appointment',
  ),
  gpcRule(
    'CON-ARS-PARAMETERS',
    (_g, c) => structuredBodyProblem(c.request.body, c.request.at),
    (g) => g.named?.name === 'get structured record',
  ),
  gpcRule(
    'CON-DOC-SEARCH',
    (g) => documentSearchProblem(g.query),
    (g) => g.named?.name === 'search documents',
  ),
];

export interface Breach {
  rule: ConsumerRule;
  problem: string;
}
