/**
 * Starts the embedded Spine: PDS, SDS, SSP and a GP Connect provider, each its own node:http server on a
 * loopback port, and builds the target that points the harness at them. The harness only ever talks to
 * them through the baseUrls of that target, exactly as it would to real services.
 */
import { checkTarget, type Target } from '../config/target';
import { startChaos, transportFault, unresolvableHost, WRONG_BASE_PATH, type TransportFaultMode } from './chaos';
import { Faults } from './faults';
import { CONSUMER, SLOW_PRACTICE, UNAGREED_CONSUMER, UNREACHABLE_PRACTICE, embeddedRegistry } from './fixtures/estate';
import { CHECK_DIGIT_FAILING_NHS_NUMBER, UNKNOWN_NHS_NUMBER } from './fixtures/people';
import { VISIT_SLOT } from './fixtures/clinicians-and-slots';
import type { RunningServer } from './http-kit';
import { PDS_BASE_PATH, startPds } from './pds';
import { startProvider } from './provider';
import { EMBEDDED_SPEC_VERSIONS } from './provider/metadata';
import { SDS_BASE_PATH, startSds } from './sds';
import {
  estateTargetDocuments,
  hostEstate,
  joinRegistries,
  startEstate,
  type EstateTargetDocument,
  type RunningEstate,
} from './estate-services';
import { startSsp } from './ssp';

export type ServiceName = 'pds' | 'sds' | 'ssp' | 'provider';

export interface SimulatorSet {
  target: Target;
  /** The same target as a document with references for secrets, ready to write as YAML. */
  targetDocument: Record<string, unknown>;
  services: { name: ServiceName; baseUrl: string }[];
  /** With `practices`: the generated estate, its separate-MHS providers and one target document per practice. */
  estate?: { mhsHosts: RunningEstate['mhsHosts']; targets: EstateTargetDocument[] };
  stop(): Promise<void>;
}

export interface SimulatorOptions {
  faults?: string[];
  ports?: Partial<Record<ServiceName, number>>;
  /** Also serve a generated estate of this many practices (fixtures/generated-estate.ts). */
  practices?: number;
  /** The first port of the estate's separate-MHS providers (0 or absent: ephemeral ones). */
  estatePort?: number;
}

/** The SDS accepts any apikey, like the public sandbox; the value still travels as a reference. */
const EMBEDDED_API_KEY_REF = '${GPC_SDS_API_KEY:-embedded-sandbox-key}';
/** The PDS ignores it too; it is there so a token travels (and is redacted) as it would to the real PDS. */
const EMBEDDED_PDS_TOKEN_REF = '${GPC_PDS_ACCESS_TOKEN:-embedded-sandbox-token}';

function targetDocument(urls: Record<ServiceName, string>, faults: string[]): Record<string, unknown> {
  return {
    name: 'embedded',
    description: 'gpc-assure embedded Spine simulators (PDS, SDS, SSP, GP Connect provider) on loopback',
    // What the embedded provider's CapabilityStatements declare (WE-3e holds them equal).
    specVersions: { ...EMBEDDED_SPEC_VERSIONS },
    pds: { baseUrl: `${urls.pds}${PDS_BASE_PATH}`, accessToken: EMBEDDED_PDS_TOKEN_REF, timeoutMs: 10_000 },
    sds: { baseUrl: `${urls.sds}${SDS_BASE_PATH}`, apiKey: EMBEDDED_API_KEY_REF, timeoutMs: 10_000 },
    ssp: { baseUrl: urls.ssp, timeoutMs: 10_000 },
    consumer: {
      asid: CONSUMER.asid,
      odsCode: CONSUMER.odsCode,
      organizationName: CONSUMER.organizationName,
      systemUrl: CONSUMER.systemUrl,
      telecom: '03001234567',
      practitioner: {
        id: '10019',
        family: 'Assurance',
        given: ['Alex'],
        prefix: ['Dr'],
        sdsUserId: '111222333444',
        sdsRoleProfileId: '444555666777',
        localUserId: '98ed4f78-814d-4266-8d5b-cde742f3093c',
      },
      device: {
        system: 'https://consumer.gpc-assure.invalid/Id/device-identifier',
        value: 'gpc-assure-1',
        model: 'gpc-assure',
        version: '0.1.0',
      },
    },
    testData: {
      patients: {
        registered: { nhsNumber: '9000000084', expectedOds: 'T99999' },
        secondPractice: { nhsNumber: '9000000017', expectedOds: 'A20047' },
        restricted: { nhsNumber: '9000000025' },
        superseded: { nhsNumber: '9000000033', survivingNhsNumber: '9000000106', expectedOds: 'T99999' },
        deceased: { nhsNumber: '9000000068', expectedOds: 'T99999' },
        invalidated: { nhsNumber: '9000000114' },
        unknown: { nhsNumber: UNKNOWN_NHS_NUMBER },
        invalidCheckDigit: { nhsNumber: CHECK_DIGIT_FAILING_NHS_NUMBER },
        // On PDS, registered at A20047, not at T99999: the register-patient scenario registers them there.
        unregistered: { nhsNumber: '9000000122' },
        // At T99999, dissented from sharing their record: Access Record Structured answers 403 NO_PATIENT_CONSENT.
        dissenting: { nhsNumber: '9000000106', expectedOds: 'T99999' },
        // At T99999 on PDS; the practice holds one as inactive, one with an unverified NHS number: 404.
        inactive: { nhsNumber: '9000000130', expectedOds: 'T99999' },
        unverified: { nhsNumber: '9000000149', expectedOds: 'T99999' },
        // At D81003, which has Access Record Structured switched off: 403 ACCESS DENIED.
        structuredDisabled: { nhsNumber: '9000000157', expectedOds: 'D81003' },
      },
      unagreedConsumerAsid: UNAGREED_CONSUMER.asid,
      unreachablePracticeOds: UNREACHABLE_PRACTICE.ods,
      slowPracticeOds: SLOW_PRACTICE.ods,
      slotSearchDays: 7,
      visitSlot: { id: VISIT_SLOT.id, start: VISIT_SLOT.start, end: VISIT_SLOT.end },
    },
    ...(faults.length ? { simulator: { fault: faults.join(',') } } : {}),
  };
}

/**
 * A fault shows its worth only if the harness gives up soon: the faulted hop's deadline is short, and for a
 * provider timeout the SSP's is shorter still, so the SSP's 504 (not the harness's own deadline) is what comes.
 */
const FAULT_DEADLINE_MS = 1_000;
const SSP_UPSTREAM_DEADLINE_MS = 500;

/** Where the harness's traffic for a faulted hop goes instead: `real` is the service, `chaos` the proxy's base URL. */
function faultedAddress(fault: TransportFaultMode, real: string, chaos: string | undefined): string {
  const url = new URL(real);
  switch (fault.placement) {
    case 'proxy':
      return chaos!;
    case 'https-to-plain-port':
      return chaos!.replace(/^http:/, 'https:');
    case 'unresolvable-host':
      url.hostname = unresolvableHost(fault.hop);
      return url.origin;
    case 'wrong-base-path':
      // The SSP has no 404 of its own: with a path before the target URL it cannot read the target. The
      // provider's root keeps its shape (SDS checks it) but leads to a server that knows no such path.
      if (fault.hop === 'ssp') return `${real}${WRONG_BASE_PATH}`;
      return fault.hop === 'provider' ? chaos! : `${chaos!}${WRONG_BASE_PATH}`;
  }
}

/** DNS faults need no server at all, and the SSP's wrong base path is answered by the SSP itself. */
const needsProxy = (f: TransportFaultMode) =>
  f.placement !== 'unresolvable-host' && !(f.placement === 'wrong-base-path' && f.hop === 'ssp');

/** Splits --fault ids into the simulators' own and the transport faults (at most one of those: one hostile hop at a time). */
function splitFaults(ids: readonly string[]): { own: string[]; transport?: TransportFaultMode } {
  const transport = ids.map(transportFault).filter((f) => f !== undefined);
  if (transport.length > 1)
    throw new Error(`one transport fault at a time, not ${transport.map((f) => f.id).join(' and ')}`);
  return { own: ids.filter((id) => !transportFault(id)), transport: transport[0] };
}

/** The target document with the faulted hop's address and deadlines changed. */
function withTransportFault(
  doc: Record<string, unknown>,
  fault: TransportFaultMode,
  address: string | undefined,
): Record<string, unknown> {
  const out = structuredClone(doc) as Record<string, Record<string, unknown>>;
  // The provider is reached through the SSP, so it is the SSP leg's deadline that bounds a provider fault.
  const leg = out[fault.hop === 'provider' ? 'ssp' : fault.hop];
  leg.timeoutMs = FAULT_DEADLINE_MS;
  if (address && fault.hop !== 'provider')
    leg.baseUrl =
      fault.hop === 'ssp'
        ? address
        : `${address}${String(leg.baseUrl).slice(new URL(String(leg.baseUrl)).origin.length)}`;
  return {
    ...out,
    simulator: {
      fault: [
        ...String(out.simulator?.fault ?? '')
          .split(',')
          .filter(Boolean),
        fault.id,
      ].join(','),
    },
  };
}

export async function startSimulators(opts: SimulatorOptions = {}): Promise<SimulatorSet> {
  const { own, transport } = splitFaults(opts.faults ?? []);
  const faults = new Faults(own);
  const port = (name: ServiceName) => opts.ports?.[name] ?? 0;
  const started: RunningServer[] = [];
  try {
    const chaos = transport && needsProxy(transport) ? await startChaos(transport) : undefined;
    if (chaos) started.push({ name: 'chaos', port: chaos.port, baseUrl: chaos.baseUrl, close: chaos.close });
    const practices = opts.practices ? hostEstate(opts.practices) : undefined;
    // The provider comes first: its address is part of every service root the registry holds.
    const provider = await startProvider({ port: port('provider'), faults });
    started.push(provider);
    const providerFault = transport?.hop === 'provider' ? transport : undefined;
    const providerAddress = providerFault
      ? faultedAddress(providerFault, provider.baseUrl, chaos?.baseUrl)
      : provider.baseUrl;
    const estate = practices && (await startEstate(practices, faults, providerAddress, opts.estatePort ?? 0));
    if (estate) started.push(...estate.servers);
    const registry = joinRegistries(embeddedRegistry(providerAddress), estate?.registry);
    const sspDeadline = providerFault?.kind === 'timeout' ? { timeoutMs: SSP_UPSTREAM_DEADLINE_MS } : {};
    const practiceTimeoutMs = { [SLOW_PRACTICE.ods]: SLOW_PRACTICE.sspDeadlineMs };
    const ssp = await startSsp({ port: port('ssp'), faults, registry, practiceTimeoutMs, ...sspDeadline });
    started.push(ssp);
    const pds = await startPds({ port: port('pds'), faults });
    started.push(pds);
    const sds = await startSds({ port: port('sds'), faults, registry: () => registry });
    started.push(sds);
    const urls = { pds: pds.baseUrl, sds: sds.baseUrl, ssp: ssp.baseUrl, provider: provider.baseUrl };
    const plain = targetDocument(urls, faults.list);
    const doc = transport
      ? withTransportFault(
          plain,
          transport,
          transport.hop === 'provider' ? undefined : faultedAddress(transport, urls[transport.hop], chaos?.baseUrl),
        )
      : plain;
    return {
      // Checked and resolved exactly as a target file would be, so both paths share one code path.
      target: checkTarget(structuredClone(doc), 'embedded'),
      targetDocument: doc,
      services: (Object.keys(urls) as ServiceName[]).map((name) => ({ name, baseUrl: urls[name] })),
      ...(estate
        ? { estate: { mhsHosts: estate.mhsHosts, targets: estateTargetDocuments(doc, estate.practices) } }
        : {}),
      stop: async () => {
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (err) {
    await Promise.all(started.map((s) => s.close()));
    throw err;
  }
}
