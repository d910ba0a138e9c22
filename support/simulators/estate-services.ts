/**
 * The generated estate as running services (issue 19.4): the generated practices hosted, one more provider
 * server per separate-MHS practice (its own host:port, so its own MHS), the SDS/SSP records of all of them,
 * and one target document per practice. The shared-MHS practices are served by the embedded provider the
 * base estate uses: one host with one party key per practice on it (T6).
 */
import type { Registry } from '../domain/registry';
import { CONSUMER } from './fixtures/estate';
import { generatedPractices, generatedRegistry, type GeneratedPractice } from './fixtures/generated-estate';
import type { Faults } from './faults';
import { hostGeneratedPractices } from './generated-hosting';
import type { RunningServer } from './http-kit';
import { startProvider } from './provider';

export interface EstateTargetDocument {
  practice: GeneratedPractice;
  /** A target file's content for this practice: the base document, named for it, its patient the registered one. */
  document: Record<string, unknown>;
}

export interface RunningEstate {
  practices: GeneratedPractice[];
  /** The separate-MHS providers, one per such practice. */
  mhsHosts: { ods: string; baseUrl: string }[];
  servers: RunningServer[];
  registry: Registry;
}

/**
 * Hosts `count` generated practices. Called before any provider starts: a provider generates its slots from
 * the schedules hosted when it starts, and the shared-MHS practices' provider is the embedded one.
 */
export function hostEstate(count: number): GeneratedPractice[] {
  const practices = generatedPractices(count);
  hostGeneratedPractices(practices);
  return practices;
}

/** The separate-MHS providers on firstPort, firstPort+1, … (0: ephemeral), and the estate's records. */
export async function startEstate(
  practices: GeneratedPractice[],
  faults: Faults,
  sharedBase: string,
  firstPort: number,
): Promise<RunningEstate> {
  const separate = practices.filter((p) => p.mhs === 'separate');
  const servers: RunningServer[] = [];
  try {
    for (let i = 0; i < separate.length; i++)
      servers.push(await startProvider({ port: firstPort === 0 ? 0 : firstPort + i, faults }));
  } catch (err) {
    await Promise.all(servers.map((s) => s.close()));
    throw err;
  }
  const mhsHosts = separate.map((p, i) => ({ ods: p.ods, baseUrl: servers[i].baseUrl }));
  const bases = new Map(mhsHosts.map((h) => [h.ods, h.baseUrl]));
  return { practices, mhsHosts, servers, registry: generatedRegistry(practices, sharedBase, bases, CONSUMER.asid) };
}

/** The number of extra provider ports an estate of `count` takes. */
export const separateMhsCount = (count: number) => generatedPractices(count).filter((p) => p.mhs === 'separate').length;

/** Both estates' records in one registry: what the embedded SDS serves and the SSP routes on. */
export function joinRegistries(base: Registry, extra: Registry | undefined): Registry {
  if (!extra) return base;
  return {
    systems: [...base.systems, ...extra.systems],
    as: [...base.as, ...extra.as],
    mhs: [...base.mhs, ...extra.mhs],
    agreements: [...base.agreements, ...extra.agreements],
  };
}

/** One target document per practice, from the base target document. */
export function estateTargetDocuments(
  base: Record<string, unknown>,
  practices: readonly GeneratedPractice[],
): EstateTargetDocument[] {
  return practices.map((practice) => {
    const doc = structuredClone(base) as Record<string, Record<string, unknown>> & Record<string, unknown>;
    const testData = doc.testData as { patients: Record<string, unknown> };
    testData.patients.registered = { nhsNumber: practice.patientNhsNumber, expectedOds: practice.ods };
    return {
      practice,
      document: {
        ...doc,
        name: `practice-${practice.ods}`,
        description: `${practice.name} (${practice.ods}, ${practice.mhs} MHS) of the embedded estate`,
      },
    };
  });
}
