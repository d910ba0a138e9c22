/**
 * Embedded SDS FHIR R4 ('SDS Endpoint and Device searches'): Endpoint (MHS records) and Device (AS records) searches answered
 * from the registry model, with the real API's parameter rules, apikey and Accept checks, and bundle shape.
 */
import { randomUUID } from 'node:crypto';
import { FHIR_JSON, SYS, EXT } from '../spine/systems';
import { UUID_PATTERN } from '../spine/nhs-number';
import type { Faults } from './faults';
import { startServer, type RunningServer, type SimRequest, type SimResponse } from './http-kit';
import type { AsRecord, MhsRecord, Registry } from '../domain/registry';
import { SDS_REFUSALS, sdsOutcome } from './sds-refusals';

export const SDS_BASE_PATH = '/spine-directory/FHIR/R4';

const ACCEPTABLE = [/^application\/fhir\+json/, /^application\/json/, /^\*\/\*/];

/** SDS's refusal of one kind (sds-refusals.ts), as the switched-on faults have it written. */
const refuse = (kind: keyof typeof SDS_REFUSALS, diagnostics: string, faults: Faults): SimResponse =>
  sdsOutcome(faults.apply('sds.refusal', SDS_REFUSALS[kind], undefined), diagnostics);

/** An exact match of interaction IDs, as the spec has it. */
const exactInteraction = (interactions: readonly string[], asked: string): boolean => interactions.includes(asked);

interface Query {
  ods?: string;
  interaction?: string;
  partyKey?: string;
  manufacturer?: string;
  problem?: string;
}

/** Splits `system|value` token parameters; an unknown system or a malformed token is a 400. */
function parseQuery(q: URLSearchParams): Query {
  const out: Query = {};
  const token = (raw: string, expected: string): string | undefined => {
    const bar = raw.indexOf('|');
    if (bar < 0 || raw.slice(0, bar) !== expected || !raw.slice(bar + 1)) return undefined;
    return raw.slice(bar + 1);
  };
  for (const [name, raw] of q) {
    if (name === 'organization' || name === 'manufacturing-organization') {
      const v = token(raw, SYS.odsOrg);
      if (!v) return { problem: `${name} must be ${SYS.odsOrg}|<ODS code>` };
      if (name === 'organization') out.ods = v;
      else out.manufacturer = v;
    } else if (name === 'identifier') {
      const interaction = token(raw, SYS.interactionId);
      const partyKey = token(raw, SYS.partyKey);
      if (interaction) out.interaction = interaction;
      else if (partyKey) out.partyKey = partyKey;
      else return { problem: `identifier must use ${SYS.interactionId} or ${SYS.partyKey}` };
    } else return { problem: `unsupported query parameter ${name}` };
  }
  return out;
}

const ident = (system: string, value: string) => ({ system, value });
const orgRef = (ods: string) => ({ identifier: ident(SYS.odsOrg, ods) });
const interactionExt = (id: string) => ({
  url: EXT.sdsInteraction,
  valueReference: { identifier: ident(SYS.interactionId, id) },
});

function endpointResource(m: MhsRecord): Record<string, unknown> {
  return {
    resourceType: 'Endpoint',
    id: randomUUID(),
    status: 'active',
    connectionType: {
      system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type',
      code: 'hl7-fhir-rest',
      display: 'HL7 FHIR',
    },
    payloadType: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/endpoint-payload-type', code: 'any', display: 'Any' },
        ],
      },
    ],
    address: m.endpoint,
    managingOrganization: orgRef(m.odsCode),
    identifier: [
      ident(SYS.mhsFqdn, m.fqdn),
      ident(SYS.partyKey, m.partyKey),
      ident(SYS.mhsCpaId, m.cpaId),
      ident(SYS.mhsId, m.mhsId),
    ],
    extension: m.interactions.map(interactionExt),
  };
}

function deviceResource(a: AsRecord): Record<string, unknown> {
  return {
    resourceType: 'Device',
    id: randomUUID(),
    identifier: [ident(SYS.asid, a.asid), ident(SYS.partyKey, a.partyKey)],
    extension: [
      { url: EXT.sdsManufacturer, valueReference: orgRef(a.manufacturerOds) },
      ...a.interactions.map(interactionExt),
    ],
    owner: orgRef(a.odsCode),
  };
}

function searchset(selfUrl: string, resources: Record<string, unknown>[]): SimResponse {
  return {
    status: 200,
    headers: { 'Content-Type': FHIR_JSON },
    body: {
      resourceType: 'Bundle',
      id: randomUUID(),
      type: 'searchset',
      total: resources.length,
      link: [{ relation: 'self', url: selfUrl }],
      entry: resources.map((r) => ({
        fullUrl: `${selfUrl.split('?')[0]}/${r.id}`,
        resource: r,
        search: { mode: 'match' },
      })),
    },
  };
}

const ENDPOINT_COMBINATIONS = [
  'organization+interaction',
  'organization+partykey',
  'organization+interaction+partykey',
  'interaction+partykey',
];

/** What is wrong with a search's parameter set, per resource ('SDS Endpoint and Device searches'); checked before Accept. */
const COMBINATION_PROBLEM: Record<string, (q: Query) => string | undefined> = {
  '/Endpoint': (q) => {
    const combo = [q.ods && 'organization', q.interaction && 'interaction', q.partyKey && 'partykey']
      .filter(Boolean)
      .join('+');
    return ENDPOINT_COMBINATIONS.includes(combo) && !q.manufacturer
      ? undefined
      : `Endpoint search needs one of: ${ENDPOINT_COMBINATIONS.join(', ')}`;
  },
  '/Device': (q) =>
    q.ods && q.interaction ? undefined : 'Device search needs organization and an interaction identifier',
};

function endpointSearch(q: Query, registry: Registry, faults: Faults, self: string): SimResponse {
  const matches = faults.apply('sds.interaction-match', exactInteraction, undefined);
  const rows = registry.mhs.filter(
    (m) =>
      (!q.ods || m.odsCode === q.ods) &&
      (!q.interaction || matches(m.interactions, q.interaction)) &&
      (!q.partyKey || m.partyKey === q.partyKey),
  );
  const asked = { interaction: q.interaction ?? '', registry };
  const shown = faults
    .apply('sds.endpoint-rows', rows, undefined)
    .map((m) => faults.apply('sds.endpoint-record', m, asked));
  const answer = searchset(
    self,
    shown.map((m) => faults.apply('sds.endpoint', endpointResource(m), undefined)),
  );
  return faults.apply('sds.endpoint-search', answer, { matched: rows });
}

function deviceSearch(q: Query, registry: Registry, faults: Faults, self: string): SimResponse {
  const byOrganization = faults.apply('sds.device-search-by-organization', true, undefined);
  const matches = faults.apply('sds.interaction-match', exactInteraction, undefined);
  const rows = registry.as.filter(
    (a) =>
      (!byOrganization || a.odsCode === q.ods) &&
      matches(a.interactions, q.interaction!) &&
      (!q.partyKey || a.partyKey === q.partyKey) &&
      (!q.manufacturer || a.manufacturerOds === q.manufacturer),
  );
  const asked = { interaction: q.interaction ?? '', registry };
  const shown = faults
    .apply('sds.device-rows', rows, undefined)
    .map((a) => faults.apply('sds.device-record', a, asked));
  return searchset(
    self,
    shown.map((a) => faults.apply('sds.device', deviceResource(a), undefined)),
  );
}

const SEARCHES: Record<string, typeof endpointSearch> = { '/Endpoint': endpointSearch, '/Device': deviceSearch };

/**
 * The order of SDS's checks: the API gateway's apikey first (it stands in front of everything; not observed,
 * the peer ran without it), then, as observed, the path, the method, the query before the correlation ID and
 * the Accept header (an unacceptable Accept on a bad query is a 400).
 */
function route(req: SimRequest, registry: Registry, faults: Faults, baseUrl: string): SimResponse {
  // The adaptor alone does not check apikey (observed, probe S20): the gateway in front of it does.
  if (!req.headers['apikey'] && faults.apply('sds.gateway-checks-apikey', true, undefined))
    return refuse('apikey', 'apikey header is missing', faults);
  const path = req.path.startsWith(SDS_BASE_PATH) ? req.path.slice(SDS_BASE_PATH.length) : undefined;
  const search = path === undefined ? undefined : SEARCHES[path];
  if (!search) return refuse('noResource', 'HTTP endpoint not found', faults);
  if (req.method !== 'GET')
    return { ...refuse('notGet', 'HTTP operation not supported', faults), headers: { Allow: 'GET' } };
  const q = parseQuery(req.query);
  const problem = q.problem ?? COMBINATION_PROBLEM[path!](q);
  if (problem) return refuse('badRequest', problem, faults);
  const correlation = req.headers['x-correlation-id'];
  if (correlation && !UUID_PATTERN.test(correlation))
    return refuse('badRequest', 'Invalid X-Correlation-ID header. Should be an UUIDv4', faults);
  const accept = req.headers['accept'];
  if (accept && !ACCEPTABLE.some((a) => a.test(accept))) return refuse('accept', 'Accept type not supported', faults);
  const answer = search(q, registry, faults, `${baseUrl}${req.rawUrl}`);
  // A 200 is labelled with the media type asked for: application/json when that is what Accept says.
  return answer.status === 200 && accept && /^application\/json/.test(accept)
    ? { ...answer, headers: { ...answer.headers, 'Content-Type': 'application/json' } }
    : answer;
}

export function startSds(opts: { port: number; faults: Faults; registry: () => Registry }): Promise<RunningServer> {
  let base = '';
  const started = startServer(
    'sds',
    opts.port,
    (req) => {
      const res = opts.faults.apply('sds.answer', route(req, opts.registry(), opts.faults, base), undefined);
      // Every answer carries a correlation ID: the one sent when it is a UUID, else one of SDS's own.
      const sent = req.headers['x-correlation-id'];
      const correlation = sent && UUID_PATTERN.test(sent) ? sent : randomUUID().toUpperCase();
      return { ...res, headers: { ...res.headers, 'X-Correlation-Id': correlation } };
    },
    (status, message) => ({ ...refuse('crash', message, opts.faults), status }),
  );
  return started.then((s) => {
    base = s.baseUrl;
    return s;
  });
}
