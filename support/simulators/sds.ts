/**
 * Embedded SDS FHIR R4 (facts §5.2): Endpoint (MHS records) and Device (AS records) searches answered
 * from the registry model, with the real API's parameter rules, apikey and Accept checks, and bundle shape.
 */
import { randomUUID } from 'node:crypto';
import { FHIR_JSON, SYS, EXT } from '../spine/systems';
import { UUID_PATTERN } from '../spine/nhs-number';
import type { FaultId, Faults } from './faults';
import { r4Outcome, startServer, type RunningServer, type SimRequest, type SimResponse } from './http-kit';
import type { AsRecord, MhsRecord, Registry } from './registry';
import { spoilDevice, spoilEndpoint } from './sds-wrong-answers';

export const SDS_BASE_PATH = '/spine-directory/FHIR/R4';

const ACCEPTABLE = [/^application\/fhir\+json/, /^application\/json/, /^\*\/\*/];

/**
 * SDS's refusals as the real SDS FHIR API writes them (observed: peers/pds-sds-observed.json): Spine codes
 * of the CodeSystem under the STU3 ValueSet URL, with the FHIR issue code it pairs with each.
 */
const REFUSAL = {
  badRequest: { status: 400, code: 'BAD_REQUEST', display: 'Bad request', issue: 'required' },
  noResource: { status: 404, code: 'NO_RECORD_FOUND', display: 'No record found', issue: 'not-found' },
  notGet: { status: 405, code: 'NOT_IMPLEMENTED', display: 'Not implemented', issue: 'not-supported' },
  accept: {
    status: 406,
    code: 'MISSING_OR_INVALID_HEADER',
    display: 'Missing or invalid header',
    issue: 'not-supported',
  },
  // The API gateway's refusal, not the adaptor's: the NHS API platform writes it under the R4 CodeSystem.
  apikey: { status: 401, code: 'ACCESS_DENIED', display: 'Access denied', issue: 'security', system: SYS.spineErrorR4 },
  crash: { status: 500, code: 'INTERNAL_SERVER_ERROR', display: 'Internal server error', issue: 'exception' },
} as const;

function refuse(kind: keyof typeof REFUSAL, diagnostics: string, faults: Faults): SimResponse {
  const r = REFUSAL[kind];
  // sds-codes-lower-case: the same refusal under a code the CodeSystem does not have (codes are case-sensitive).
  const code = faults.has('sds-codes-lower-case') ? r.code.toLowerCase() : r.code;
  const system = 'system' in r ? r.system : SYS.spineErrorStu3ValueSet;
  return r4Outcome(r.status, code, r.display, diagnostics, r.issue, system);
}

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

/** Each address fault and what it does to the registered service root (facts §1, T10, T11). */
const ADDRESS_FAULTS: [FaultId, (root: string) => string][] = [
  ['sds-trailing-slash', (root) => `${root}/`],
  // Another practice's ODS code in the path: T10.
  ['sds-other-practice-root', (root) => root.replace(/\/[0-9A-Z]+\/STU3\//, '/Z99999/STU3/')],
  // The Access Record Structured root given for an appointments interaction: T11.
  ['sds-structured-root', (root) => root.replace(/\/gpconnect$/, '/gpconnect/structured')],
];

function endpointAddress(root: string, faults: Faults): string {
  return ADDRESS_FAULTS.reduce((address, [fault, spoil]) => (faults.has(fault) ? spoil(address) : address), root);
}

function endpointResource(m: MhsRecord, faults: Faults): Record<string, unknown> {
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
    address: endpointAddress(m.endpoint, faults),
    managingOrganization: orgRef(m.odsCode),
    identifier: [
      ident(SYS.mhsFqdn, m.fqdn),
      ...(faults.has('sds-no-party-key') ? [] : [ident(SYS.partyKey, m.partyKey)]),
      ident(SYS.mhsCpaId, m.cpaId),
      ident(SYS.mhsId, m.mhsId),
    ],
    extension: m.interactions.map(interactionExt),
  };
}

function deviceResource(a: AsRecord, faults: Faults): Record<string, unknown> {
  return {
    resourceType: 'Device',
    id: randomUUID(),
    identifier: [
      ident(SYS.asid, faults.has('sds-bad-asid') ? a.asid.slice(1) : a.asid),
      ident(SYS.partyKey, a.partyKey),
    ],
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

/** An exact match, as the spec has it; the real SDS matches by substring (observed, probe S11): a defect. */
function hasInteraction(interactions: string[], asked: string, faults: Faults): boolean {
  return faults.has('sds-peer-substring-interaction')
    ? interactions.some((i) => i.includes(asked))
    : interactions.includes(asked);
}

/** Duplicates or empties a result for the cardinality faults (T13). */
function applyCardinality<T>(rows: T[], none: boolean, twice: boolean): T[] {
  if (none) return [];
  return twice ? rows.flatMap((r) => [r, r]) : rows;
}

const ENDPOINT_COMBINATIONS = [
  'organization+interaction',
  'organization+partykey',
  'organization+interaction+partykey',
  'interaction+partykey',
];

/** What is wrong with a search's parameter set, per resource (facts §5.2); checked before Accept. */
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
  const rows = registry.mhs.filter(
    (m) =>
      (!q.ods || m.odsCode === q.ods) &&
      (!q.interaction || hasInteraction(m.interactions, q.interaction, faults)) &&
      (!q.partyKey || m.partyKey === q.partyKey),
  );
  // The real SDS's defect (observed, probe S4): a record whose interactions are a list crashes the mapper.
  if (rows.length && faults.has('sds-peer-interaction-list-500'))
    return refuse('crash', "'list' object has no attribute 'split'", faults);
  const shown = applyCardinality(rows, faults.has('sds-no-endpoints'), faults.has('sds-two-endpoints'));
  return searchset(
    self,
    shown.map(spoilEndpoint(faults, registry, q.interaction)).map((m) => endpointResource(m, faults)),
  );
}

function deviceSearch(q: Query, registry: Registry, faults: Faults, self: string): SimResponse {
  const rows = registry.as.filter(
    (a) =>
      (faults.has('sds-device-ignores-organization') || a.odsCode === q.ods) &&
      hasInteraction(a.interactions, q.interaction!, faults) &&
      (!q.partyKey || a.partyKey === q.partyKey) &&
      (!q.manufacturer || a.manufacturerOds === q.manufacturer),
  );
  const shown = applyCardinality(rows, faults.has('sds-no-devices'), faults.has('sds-two-devices'));
  return searchset(
    self,
    shown.map(spoilDevice(faults, registry, q.interaction)).map((a) => deviceResource(a, faults)),
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
  if (!req.headers['apikey'] && !faults.has('sds-peer-no-gateway'))
    return refuse('apikey', 'apikey header is missing', faults);
  const path = req.path.startsWith(SDS_BASE_PATH) ? req.path.slice(SDS_BASE_PATH.length) : undefined;
  const search = path === undefined ? undefined : SEARCHES[path];
  if (!search) return refuse('noResource', 'HTTP endpoint not found', faults);
  if (req.method !== 'GET')
    return {
      ...refuse('notGet', 'HTTP operation not supported', faults),
      headers: faults.has('sds-405-without-allow') ? {} : { Allow: 'GET' },
    };
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
      const answer = route(req, opts.registry(), opts.faults, base);
      const res =
        answer.status >= 400 && opts.faults.has('sds-errors-as-500')
          ? refuse('crash', 'fault mode sds-errors-as-500', opts.faults)
          : answer;
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
