/**
 * The SDS registry model (facts §5.2, §8): AS records (Device), MHS records (Endpoint), the systems that own
 * them, and the data-sharing agreements the SSP enforces. The embedded SDS answers from it and the embedded
 * SSP routes and authorises from it, so the topology rules can be checked over the same records.
 */
import { CAPABILITY_SEGMENT, INTERACTIONS, type Capability } from '../interactions';

export interface AsRecord {
  asid: string;
  /** nhsIDCode: the organisation the ASID belongs to. */
  odsCode: string;
  partyKey: string;
  interactions: string[];
  manufacturerOds: string;
  systemId: string;
}

export interface MhsRecord {
  partyKey: string;
  odsCode: string;
  /** nhsMhsEndPoint: the service root URL. */
  endpoint: string;
  interactions: string[];
  fqdn: string;
  cpaId: string;
  mhsId: string;
  /** Combined MHS+AS registration: providers only (T6, T7). */
  cma: boolean;
}

export interface SystemRecord {
  id: string;
  name: string;
  role: 'provider' | 'consumer' | 'both';
  supplierOds: string;
  organisations: string[];
  /** How the system's organisations reach Spine (facts §8, T8): one MHS for all of them, or one each. */
  mhsTopology?: 'shared' | 'separate';
}

/** ASIDs and party keys registered for a central Spine service (PDS, EPS…): never reused for GP Connect (T4). */
export interface CentralServiceRecord {
  service: string;
  asids: string[];
  partyKeys: string[];
}

export interface Registry {
  systems: SystemRecord[];
  as: AsRecord[];
  mhs: MhsRecord[];
  /** Unordered ASID pairs with a data-sharing agreement (T3). */
  agreements: [string, string][];
  /** Central Spine services' registrations, when known (an estate file; SDS does not list them). */
  centralServices?: CentralServiceRecord[];
}

const idsOf = (capability: Capability) =>
  INTERACTIONS.filter((i) => i.capability === capability).map((i) => i.interactionId);
const ALL_GPC = INTERACTIONS.map((i) => i.interactionId);

export interface ProviderPractice {
  ods: string;
  asid: string;
  partyKey: string;
}

/** Service root for a practice and capability on a provider host (facts §1 format, no trailing slash). */
export function serviceRoot(providerBase: string, ods: string, capability: Capability): string {
  return `${providerBase}/${ods}/STU3/1/${CAPABILITY_SEGMENT[capability]}`;
}

/**
 * Builds the records a conformant provider system registers: per practice one ASID and party key, CMA,
 * one MHS record per (party key, interaction) (T6), interactions on both AS and MHS records (T7).
 */
export function providerRecords(
  system: SystemRecord,
  practices: ProviderPractice[],
  providerBase: string,
  capabilities: Capability[],
): Pick<Registry, 'as' | 'mhs'> {
  const host = new URL(providerBase).host;
  const as: AsRecord[] = [];
  const mhs: MhsRecord[] = [];
  for (const p of practices) {
    const interactions = capabilities.flatMap(idsOf);
    as.push({
      asid: p.asid,
      odsCode: p.ods,
      partyKey: p.partyKey,
      interactions,
      manufacturerOds: system.supplierOds,
      systemId: system.id,
    });
    for (const capability of capabilities)
      for (const interactionId of idsOf(capability))
        mhs.push({
          partyKey: p.partyKey,
          odsCode: p.ods,
          endpoint: serviceRoot(providerBase, p.ods, capability),
          interactions: [interactionId],
          fqdn: host,
          cpaId: `S${p.asid}${interactionId.length}`,
          mhsId: `${p.asid}`,
          cma: true,
        });
  }
  return { as, mhs };
}

/** A consumer-only system: GP Connect interactions on the AS record only, no CMA MHS record (T7). */
export function consumerRecords(
  system: SystemRecord,
  orgs: { odsCode: string; asid: string; partyKey: string }[],
): AsRecord[] {
  return orgs.map((o) => ({
    asid: o.asid,
    odsCode: o.odsCode,
    partyKey: o.partyKey,
    interactions: ALL_GPC,
    manufacturerOds: system.supplierOds,
    systemId: system.id,
  }));
}

export function hasAgreement(registry: Registry, a: string, b: string): boolean {
  return registry.agreements.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

export function asByAsid(registry: Registry, asid: string): AsRecord | undefined {
  return registry.as.find((r) => r.asid === asid);
}

/** The MHS record a receiver ASID is registered on for an interaction (what the SSP compares the URL with). */
export function endpointFor(registry: Registry, receiverAsid: string, interactionId: string): MhsRecord | undefined {
  const as = asByAsid(registry, receiverAsid);
  if (!as) return undefined;
  return registry.mhs.find((m) => m.partyKey === as.partyKey && m.interactions.includes(interactionId));
}
