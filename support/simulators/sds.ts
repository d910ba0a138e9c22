/**
 * Embedded SDS FHIR R4 (facts §5.2): Endpoint (MHS records) and Device (AS records) searches answered
 * from the registry model, with the real API's parameter rules, apikey and Accept checks, and bundle shape.
 */
import { randomUUID } from 'node:crypto';
import { FHIR_JSON, SYS, EXT } from '../spine/systems';
import type { FaultId, Faults } from './faults';
import { r4Outcome, startServer, type RunningServer, type SimRequest, type SimResponse } from './http-kit';
import type { AsRecord, MhsRecord, Registry } from './registry';

export const SDS_BASE_PATH = '/spine-directory/FHIR/R4';

const ACCEPTABLE = [/^application\/fhir\+json/, /^application\/json/, /^\*\/\*/];

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
  // The appointments root given for an Access Record Structured interaction: T11 the other way (ARS-SDS).
  ['sds-appointments-root-for-structured', (root) => root.replace(/\/gpconnect\/structured$/, '/gpconnect')],
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

/** Duplicates or empties a result for the cardinality faults (T13). */
function applyCardinality<T>(rows: T[], none: boolean, twice: boolean): T[] {
  if (none) return [];
  return twice ? rows.flatMap((r) => [r, r]) : rows;
}

function endpointSearch(q: Query, registry: Registry, faults: Faults, self: string): SimResponse {
  const combo = [q.ods && 'organization', q.interaction && 'interaction', q.partyKey && 'partykey']
    .filter(Boolean)
    .join('+');
  const allowed = [
    'organization+interaction',
    'organization+partykey',
    'organization+interaction+partykey',
    'interaction+partykey',
  ];
  if (!allowed.includes(combo) || q.manufacturer)
    return r4Outcome(400, 'BAD_REQUEST', 'Bad request', `Endpoint search needs one of: ${allowed.join(', ')}`);
  const rows = registry.mhs.filter(
    (m) =>
      (!q.ods || m.odsCode === q.ods) &&
      (!q.interaction || m.interactions.includes(q.interaction)) &&
      (!q.partyKey || m.partyKey === q.partyKey),
  );
  const shown = applyCardinality(rows, faults.has('sds-no-endpoints'), faults.has('sds-two-endpoints'));
  return searchset(
    self,
    shown.map((m) => endpointResource(m, faults)),
  );
}

function deviceSearch(q: Query, registry: Registry, faults: Faults, self: string): SimResponse {
  if (!q.ods || !q.interaction)
    return r4Outcome(
      400,
      'BAD_REQUEST',
      'Bad request',
      'Device search needs organization and an interaction identifier',
    );
  const rows = registry.as.filter(
    (a) =>
      (faults.has('sds-device-ignores-organization') || a.odsCode === q.ods) &&
      a.interactions.includes(q.interaction!) &&
      (!q.partyKey || a.partyKey === q.partyKey) &&
      (!q.manufacturer || a.manufacturerOds === q.manufacturer),
  );
  const shown = applyCardinality(rows, faults.has('sds-no-devices'), faults.has('sds-two-devices'));
  return searchset(
    self,
    shown.map((a) => deviceResource(a, faults)),
  );
}

const SEARCHES: Record<string, typeof endpointSearch> = { '/Endpoint': endpointSearch, '/Device': deviceSearch };

function route(req: SimRequest, registry: Registry, faults: Faults, baseUrl: string): SimResponse {
  const path = req.path.startsWith(SDS_BASE_PATH) ? req.path.slice(SDS_BASE_PATH.length) : undefined;
  const search = path === undefined ? undefined : SEARCHES[path];
  if (!search) return r4Outcome(404, 'NOT_FOUND', 'Not found', `no SDS resource at ${req.path}`, 'not-found');
  if (req.method !== 'GET')
    return r4Outcome(
      405,
      'METHOD_NOT_ALLOWED',
      'Method not allowed',
      `${req.method} is not supported`,
      'not-supported',
    );
  const accept = req.headers['accept'];
  if (accept && !ACCEPTABLE.some((a) => a.test(accept)))
    return r4Outcome(406, 'NOT_ACCEPTABLE', 'Not acceptable', `Accept ${accept} is not supported`, 'not-supported');
  if (!req.headers['apikey'])
    return r4Outcome(401, 'ACCESS_DENIED', 'Access denied', 'apikey header is missing', 'security');
  const q = parseQuery(req.query);
  if (q.problem) return r4Outcome(400, 'BAD_REQUEST', 'Bad request', q.problem);
  return search(q, registry, faults, `${baseUrl}${req.rawUrl}`);
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
          ? r4Outcome(
              500,
              'INTERNAL_SERVER_ERROR',
              'Internal server error',
              'fault mode sds-errors-as-500',
              'exception',
            )
          : answer;
      const correlation = req.headers['x-correlation-id'];
      return correlation ? { ...res, headers: { ...res.headers, 'X-Correlation-Id': correlation } } : res;
    },
    (status, message) => r4Outcome(status, 'INTERNAL_SERVER_ERROR', 'Internal server error', message, 'exception'),
  );
  return started.then((s) => {
    base = s.baseUrl;
    return s;
  });
}
