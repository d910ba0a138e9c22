/**
 * An SDS record is read against the query that found it (WE-2g, WE-2h): one well-formed Endpoint of
 * another organisation, another interaction or another practice's party key is the wrong answer, however
 * well it counts. Each rule is a row: what it reads from the record, and what the query makes right.
 */
import { extensionsOf, identifierValue, type Resource } from '../fhir/bundle';
import type { HttpResult } from '../spine/http';
import { EXT, SYS } from '../spine/systems';
import { check } from './checks';
import type { GpcWorld } from './world';

export interface SdsQuery {
  ods: string;
  interactionId: string;
  /** The Endpoint's party key, when the Device is read. */
  partyKey?: string;
}

/** The query as it was sent (the evidence's URL), so the record is held to what was really asked. */
export function querySent(result: HttpResult): SdsQuery {
  const params = new URL(result.exchange.request.url).searchParams;
  const valueOf = (name: string, system: string) =>
    params
      .getAll(name)
      .find((v) => v.startsWith(`${system}|`))
      ?.slice(system.length + 1);
  return {
    ods: valueOf('organization', SYS.odsOrg) ?? '',
    interactionId: valueOf('identifier', SYS.interactionId) ?? '',
    partyKey: valueOf('identifier', SYS.partyKey),
  };
}

interface RecordRule {
  what: string;
  ok: (record: Resource, q: SdsQuery) => boolean;
  expected: (q: SdsQuery) => string;
  actual: (record: Resource) => string;
}

const odsOf = (ref: unknown) => identifierValue(ref, SYS.odsOrg);
const interactionsOf = (record: Resource) =>
  extensionsOf(record, EXT.sdsInteraction).map((e) => identifierValue(e.valueReference, SYS.interactionId));
const partyKeyOf = (record: Resource) => identifierValue(record, SYS.partyKey);

const interactionRule: RecordRule = {
  what: 'interaction',
  ok: (r, q) => interactionsOf(r).includes(q.interactionId),
  expected: (q) => `${q.interactionId} among its interactions`,
  actual: (r) => `interactions ${JSON.stringify(interactionsOf(r)).slice(0, 300)}`,
};

const ENDPOINT_RULES: RecordRule[] = [
  {
    what: 'organisation',
    ok: (r, q) => odsOf(r.managingOrganization) === q.ods,
    expected: (q) => `managingOrganization ${q.ods}`,
    actual: (r) => `managingOrganization ${JSON.stringify(odsOf(r.managingOrganization))}`,
  },
  interactionRule,
  {
    what: 'party key',
    // A party key is the MHS's organisation's ODS code, a hyphen and a number (WE-2c: T99999-9999999).
    ok: (r, q) => !!partyKeyOf(r)?.startsWith(`${q.ods}-`),
    expected: (q) => `a party key of ${q.ods} (${q.ods}-…)`,
    actual: (r) => `party key ${JSON.stringify(partyKeyOf(r))}`,
  },
];

const DEVICE_RULES: RecordRule[] = [
  {
    what: 'owner',
    ok: (r, q) => odsOf(r.owner) === q.ods,
    expected: (q) => `owner ${q.ods}`,
    actual: (r) => `owner ${JSON.stringify(odsOf(r.owner))}`,
  },
  interactionRule,
  {
    what: 'party key',
    ok: (r, q) => partyKeyOf(r) === q.partyKey,
    expected: (q) => `the party key asked for (the Endpoint's) ${q.partyKey}`,
    actual: (r) => `party key ${JSON.stringify(partyKeyOf(r))}`,
  },
];

function answersQuery(
  w: GpcWorld,
  rules: RecordRule[],
  type: string,
  requirement: string,
  record: Resource,
  result: HttpResult,
): void {
  const q = querySent(result);
  for (const rule of rules)
    check(w, rule.ok(record, q), {
      hop: 'sds',
      requirement,
      evidence: result,
      expected: `the ${type} asked for (${rule.what}): ${rule.expected(q)}`,
      actual: rule.actual(record),
    });
}

/** `requirement`: the rule the caller checks for (T13 counts only records that answer the query). */
export const endpointAnswersQuery = (w: GpcWorld, endpoint: Resource, result: HttpResult, requirement = 'WE-2g') =>
  answersQuery(w, ENDPOINT_RULES, 'Endpoint', requirement, endpoint, result);

export const deviceAnswersQuery = (w: GpcWorld, device: Resource, result: HttpResult, requirement = 'WE-2h') =>
  answersQuery(w, DEVICE_RULES, 'Device', requirement, device, result);
