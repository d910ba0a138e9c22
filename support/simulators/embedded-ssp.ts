/**
 * `ssp: { embedded: true }` in a target file. GP Connect has no public sandbox, so a run against real PDS and
 * SDS (the nhs-sandbox profile) starts the embedded SSP and provider for its GP Connect calls. The SSP is
 * made to agree with the SDS the target names, as the real SSP agrees with the real SDS: before the run, the
 * SDS's registrations for the test patients' practices are read (the Endpoint and Device lookups the harness
 * itself makes) and registered beside the embedded estate, with a data-sharing agreement with the target's
 * consumer. Every root that SDS gave is forwarded to an embedded practice standing in for it (T99999 for the
 * first practice, A20047 for the second), which takes that root as its JWT aud and that ASID as its Ssp-To.
 * So the harness sends exactly what SDS told it, the SSP checks it byte for byte against SDS's own answer,
 * and the provider behind it answers; its clinical data stays the embedded practice's.
 *
 * If that SDS cannot be read (offline, say), the SSP knows only the embedded estate and says so once on
 * stderr; the run goes on, and the PDS and SDS scenarios fail naming the network fault, which is the finding.
 */
import type { Target } from '../config/target';
import { errorChain } from '../base/error-chain';
import { CAPABILITY_SEGMENT, type Capability } from '../interactions';
import { Faults } from './faults';
import { PRACTICES, embeddedRegistry } from './fixtures/estate';
import { startProvider, type StandIn } from './provider';
import { consumerRecords, serviceRoot, type Registry, type SystemRecord } from '../domain/registry';
import { startSsp } from './ssp';
import { SdsUnreadable, registryFromSds } from '../topology/from-sds';

export interface EmbeddedSsp {
  /** The target with ssp.baseUrl set to the SSP just started. */
  target: Target;
  /** Roots from the target's SDS → the embedded provider's roots the SSP forwards them to. */
  routes: Map<string, string>;
  /** Why the SSP knows only the embedded estate, when it could not read the target's SDS. */
  problem?: string;
  stop(): Promise<void>;
}

/** The capability a root serves, from its routing segment ('Service root URL'); Appointments' `gpconnect` otherwise. */
function capabilityOf(root: string): Capability {
  const found = (Object.entries(CAPABILITY_SEGMENT) as [Capability, string][])
    .filter(([c]) => c !== 'appointments')
    .find(([, segment]) => root.endsWith(`/${segment}`));
  return found?.[0] ?? 'appointments';
}

/** The practices the target's test data names: the SSP needs their registrations. */
const practiceOdsCodes = (target: Target) => [
  ...new Set(Object.values(target.testData.patients).flatMap((p) => (p.expectedOds ? [p.expectedOds] : []))),
];

/**
 * One stand-in per root SDS gave: the n-th practice of the target's SDS is played by the n-th embedded
 * practice (a practice beyond those is not routed, and its calls fail at the provider naming its ODS code).
 */
function standInsFor(fromSds: Registry): StandIn[] {
  const practices = [...new Set(fromSds.mhs.map((m) => m.odsCode))];
  return fromSds.mhs.flatMap((m) => {
    const playedBy = PRACTICES[practices.indexOf(m.odsCode)];
    const asid = (fromSds.as.find((a) => a.partyKey === m.partyKey) ?? fromSds.as.find((a) => a.odsCode === m.odsCode))
      ?.asid;
    return playedBy && asid
      ? [{ ods: playedBy.ods, capability: capabilityOf(m.endpoint), root: m.endpoint, asid }]
      : [];
  });
}

/** The target's consumer (and its unagreed one), registered as senders unless the embedded estate has them. */
function targetConsumers(target: Target, known: Registry): Registry['as'] {
  const system: SystemRecord = {
    id: 'target-consumer',
    name: target.consumer.organizationName,
    role: 'consumer',
    supplierOds: target.consumer.odsCode,
    organisations: [target.consumer.odsCode],
  };
  const asids = [target.consumer.asid, target.testData.unagreedConsumerAsid].filter(
    (a): a is string => !!a && !known.as.some((r) => r.asid === a),
  );
  return consumerRecords(
    system,
    asids.map((asid) => ({
      asid,
      odsCode: target.consumer.odsCode,
      partyKey: `${target.consumer.odsCode}-${asid.slice(-7)}`,
    })),
  );
}

/** The embedded estate, plus the target's consumer and what its SDS registers, every practice agreed with the consumer. */
function mergedRegistry(target: Target, providerBase: string, fromSds: Registry | undefined): Registry {
  const base = embeddedRegistry(providerBase);
  const practices = [...PRACTICES.map((p) => p.asid), ...(fromSds?.as.map((a) => a.asid) ?? [])];
  const agreed = base.agreements.filter(([consumer]) => consumer === target.consumer.asid);
  return {
    systems: [...base.systems, ...(fromSds?.systems ?? [])],
    as: [...base.as, ...targetConsumers(target, base), ...(fromSds?.as ?? [])],
    mhs: [...base.mhs, ...(fromSds?.mhs ?? [])],
    agreements: [
      ...base.agreements,
      ...practices
        .filter((p) => !agreed.some(([, b]) => b === p))
        .map((p) => [target.consumer.asid, p] as [string, string]),
    ],
  };
}

/** A target URL under one of the routed roots (the longest that fits), moved onto the embedded provider; anything else unchanged. */
export function routeTo(routes: Map<string, string>, url: string): string {
  for (const [root, local] of [...routes].sort(([a], [b]) => b.length - a.length))
    if (url.startsWith(root) && /^(?:$|[/?])/.test(url.slice(root.length))) return `${local}${url.slice(root.length)}`;
  return url;
}

/**
 * How long the SDS reads may take in all: a network that neither answers nor refuses must not outlast the
 * run's start-up hook (60 s); the scenarios then meet the same network and name it.
 */
const READ_SDS_DEADLINE_MS = 45_000;

/** The target's SDS as a registry, or why it could not be read. */
async function readSds(target: Target, deadlineMs: number): Promise<{ fromSds?: Registry; problem?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no complete answer within ${deadlineMs} ms`)), deadlineMs);
  });
  try {
    return { fromSds: (await Promise.race([registryFromSds(target, practiceOdsCodes(target)), deadline])).registry };
  } catch (err) {
    // One line: the kind and its detail say why; the requests are in the scenarios' own SDS evidence.
    const why = err instanceof SdsUnreadable ? err.detail : errorChain(err);
    return {
      problem: `the embedded SSP could not read SDS at ${target.sds.baseUrl} (${why}); it routes only the embedded estate`,
    };
  } finally {
    clearTimeout(timer);
  }
}

export async function startEmbeddedSsp(target: Target, sdsDeadlineMs = READ_SDS_DEADLINE_MS): Promise<EmbeddedSsp> {
  const { fromSds, problem } = await readSds(target, sdsDeadlineMs);
  if (problem) process.stderr.write(`gpc-assure: ${problem}\n`);
  const standIns = fromSds ? standInsFor(fromSds) : [];
  const faults = new Faults([]);
  const provider = await startProvider({ port: 0, faults, standIns });
  const routes = new Map(standIns.map((s) => [s.root, serviceRoot(provider.baseUrl, s.ods, s.capability)]));
  const registry = mergedRegistry(target, provider.baseUrl, fromSds);
  const ssp = await startSsp({ port: 0, faults, registry, forwardTo: (url) => routeTo(routes, url) }).catch(
    async (err: unknown) => {
      await provider.close();
      throw err;
    },
  );
  return {
    target: { ...target, ssp: { ...target.ssp, baseUrl: ssp.baseUrl } },
    routes,
    ...(problem ? { problem } : {}),
    stop: async () => {
      await Promise.all([ssp.close(), provider.close()]);
    },
  };
}
