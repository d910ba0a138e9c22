/**
 * Rebuilds the registry from an SDS FHIR API (CON-SDS-TWO-STEP, TOP-T13): for each ODS code × each interaction in the
 * table, the Endpoint search gives the MHS records and the Device search the AS records. What SDS does not
 * say is inferred and said so: the system behind a record is its manufacturing organisation, an MHS record
 * is CMA when an AS record shares its party key and organisation, and agreements and central services are
 * unknown (the SSP and Spine hold those), so T3 and T4 stay with the features and estate files.
 */
import type { Target } from '../config/target';
import { extensionsOf, identifierValue, ofType, type Resource } from '../fhir/bundle';
import { INTERACTIONS } from '../interactions';
import { findDevicesWithoutPartyKey, findEndpoints } from '../spine/sds-client';
import { EvidenceLog, parseJson, type HttpResult } from '../spine/http';
import { EXT, SYS } from '../spine/systems';
import type { AsRecord, MhsRecord, Registry, SystemRecord } from '../domain/registry';

/** The Device search without a party key, so consumers' AS records (which have no MHS record) are found too. */
export const findAllDevices = findDevicesWithoutPartyKey;

/** SDS did not give a readable answer: `kind` names why (a transport kind, `status`, `5xx` or a body kind). */
export class SdsUnreadable extends Error {
  constructor(
    readonly kind: string,
    /** What came instead of a Bundle: the transport message, the status, the body's problem. */
    readonly detail: string,
    request: string,
  ) {
    super(`SDS answered ${detail} to ${request}`);
    this.name = 'SdsUnreadable';
  }
}

export function sdsEntries(result: HttpResult, type: string): Resource[] {
  const what = `${result.exchange.request.method} ${result.exchange.request.url}`;
  if (result.transport) throw new SdsUnreadable(result.transport.kind, result.transport.message, what);
  if (result.status !== 200)
    throw new SdsUnreadable((result.status ?? 0) >= 500 ? '5xx' : 'status', `HTTP ${result.status}`, what);
  const parsed = parseJson(result.text);
  if (!parsed.ok) throw new SdsUnreadable(parsed.kind, parsed.problem, what);
  return ofType(parsed.value as Record<string, unknown>, type);
}

const orgOf = (ref: unknown) => identifierValue(ref as Resource, SYS.odsOrg) ?? '';
const extensionValues = (r: Resource, url: string, system: string) =>
  extensionsOf(r, url).map((e) => identifierValue(e.valueReference, system) ?? '');

/** A record is filed under what it says of itself, never under the query that found it (issue 14 item 4). */
function mhsRecord(e: Resource): Omit<MhsRecord, 'cma'> {
  return {
    partyKey: identifierValue(e, SYS.partyKey) ?? '',
    odsCode: orgOf(e.managingOrganization),
    endpoint: String(e.address ?? ''),
    interactions: extensionValues(e, EXT.sdsInteraction, SYS.interactionId),
    fqdn: identifierValue(e, SYS.mhsFqdn) ?? '',
    cpaId: identifierValue(e, SYS.mhsCpaId) ?? '',
    mhsId: identifierValue(e, SYS.mhsId) ?? '',
  };
}

export function asRecord(d: Resource): AsRecord {
  const manufacturerOds = extensionValues(d, EXT.sdsManufacturer, SYS.odsOrg)[0] ?? '';
  return {
    asid: identifierValue(d, SYS.asid) ?? '',
    odsCode: orgOf(d.owner),
    partyKey: identifierValue(d, SYS.partyKey) ?? '',
    interactions: extensionValues(d, EXT.sdsInteraction, SYS.interactionId),
    manufacturerOds,
    systemId: `supplier-${manufacturerOds}`,
  };
}

/** The same record comes back once per interaction it lists: keep one of each. */
function unique<T>(items: T[], key: (t: T) => string): T[] {
  return [...new Map(items.map((i) => [key(i), i])).values()];
}

/** One system per supplier, a provider when any of its party keys has an MHS record (SDS does not record roles). */
function inferSystems(as: AsRecord[], mhs: MhsRecord[]): SystemRecord[] {
  return unique(as, (a) => a.systemId).map((first) => {
    const mine = as.filter((a) => a.systemId === first.systemId);
    const providing = mine.some((a) => mhs.some((m) => m.partyKey === a.partyKey));
    return {
      id: first.systemId,
      name: `supplier ${first.manufacturerOds}`,
      role: providing ? 'provider' : 'consumer',
      supplierOds: first.manufacturerOds,
      organisations: [...new Set(mine.map((a) => a.odsCode))],
    };
  });
}

export interface SdsRebuild {
  registry: Registry;
  /** Every SDS exchange made, for the evidence. */
  evidence: EvidenceLog;
  /** ODS codes asked about that SDS holds no GP Connect record of: an empty (or foreign) estate for them. */
  missing: string[];
  /** Records SDS answered that are not counted, and why: another organisation's, or no GP Connect record. */
  setAside: string[];
}

const GPC_INTERACTIONS: ReadonlySet<string> = new Set(INTERACTIONS.map((i) => i.interactionId));

/** Why an answered record is not part of the estate asked about, or undefined when it is. */
function notCounted(r: { odsCode: string; interactions: string[] }, asked: readonly string[]): string | undefined {
  if (!asked.includes(r.odsCode)) return `of ${r.odsCode || 'no organisation'}, not of ${asked.join(', ')}`;
  if (!r.interactions.some((i) => GPC_INTERACTIONS.has(i))) return 'lists no GP Connect interaction';
  return undefined;
}

/** Keeps the records that count; says of each other one what it was and why it is set aside. */
function sortRecords<T extends { odsCode: string; interactions: string[] }>(
  records: T[],
  asked: readonly string[],
  name: (r: T) => string,
  setAside: string[],
): T[] {
  return records.filter((r) => {
    const why = notCounted(r, asked);
    if (why) setAside.push(`${name(r)} ${why}`);
    return !why;
  });
}

/** A few lookups at a time: a real SDS is rate-limited per application, and there are two per ODS code × interaction. */
const CONCURRENT_LOOKUPS = 8;

async function inBatches<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CONCURRENT_LOOKUPS)
    out.push(...(await Promise.all(items.slice(i, i + CONCURRENT_LOOKUPS).map(fn))));
  return out;
}

export async function registryFromSds(
  target: Target,
  odsCodes: string[],
  log = new EvidenceLog(),
): Promise<SdsRebuild> {
  const lookups = odsCodes.flatMap((ods) => INTERACTIONS.map((i) => ({ ods, id: i.interactionId })));
  const answers = await inBatches(lookups, async ({ ods, id }) => ({
    endpoints: sdsEntries(await findEndpoints(log, target, ods, id), 'Endpoint').map(mhsRecord),
    devices: sdsEntries(await findAllDevices(log, target, ods, id), 'Device').map(asRecord),
  }));
  const setAside: string[] = [];
  const as = sortRecords(
    unique(
      answers.flatMap((a) => a.devices),
      (a) => a.asid,
    ),
    odsCodes,
    (a) => `Device ${a.asid || '(no ASID)'}`,
    setAside,
  );
  const mhs = sortRecords(
    unique(
      answers.flatMap((a) => a.endpoints),
      (m) => JSON.stringify(m),
    ),
    odsCodes,
    (m) => `Endpoint ${m.endpoint || '(no address)'}`,
    setAside,
  ).map((m) => ({ ...m, cma: as.some((a) => a.partyKey === m.partyKey && a.odsCode === m.odsCode) }));
  const missing = odsCodes.filter((o) => !as.some((a) => a.odsCode === o) && !mhs.some((m) => m.odsCode === o));
  return {
    registry: { systems: inferSystems(as, mhs), as, mhs, agreements: [] },
    evidence: log,
    missing,
    setAside: [...new Set(setAside)],
  };
}

/** The organisations a target's own data names: its test patients' practices and its consumer organisation. */
export function targetOdsCodes(target: Target): string[] {
  const practices = Object.values(target.testData.patients).flatMap((p) => (p.expectedOds ? [p.expectedOds] : []));
  return [...new Set([...practices, target.consumer.odsCode])];
}
