/**
 * Starts the embedded Spine: PDS, SDS, SSP and a GP Connect provider, each its own node:http server on a
 * loopback port, and builds the target that points the harness at them. The harness only ever talks to
 * them through the baseUrls of that target, exactly as it would to real services.
 */
import { checkTarget, type Target } from '../config/target';
import { Faults } from './faults';
import { CONSUMER, UNAGREED_CONSUMER, embeddedRegistry } from './fixtures/estate';
import { INVALID_NHS_NUMBER, UNKNOWN_NHS_NUMBER } from './fixtures/people';
import type { RunningServer } from './http-kit';
import { PDS_BASE_PATH, startPds } from './pds';
import { startProvider } from './provider';
import { SDS_BASE_PATH, startSds } from './sds';
import { startSsp } from './ssp';

export type ServiceName = 'pds' | 'sds' | 'ssp' | 'provider';

export interface SimulatorSet {
  target: Target;
  /** The same target as a document with references for secrets, ready to write as YAML. */
  targetDocument: Record<string, unknown>;
  services: { name: ServiceName; baseUrl: string }[];
  stop(): Promise<void>;
}

export interface SimulatorOptions {
  faults?: string[];
  ports?: Partial<Record<ServiceName, number>>;
}

/** The SDS accepts any apikey, like the public sandbox; the value still travels as a reference. */
const EMBEDDED_API_KEY_REF = '${GPC_SDS_API_KEY:-embedded-sandbox-key}';

function targetDocument(urls: Record<ServiceName, string>, faults: string[]): Record<string, unknown> {
  return {
    name: 'embedded',
    description: 'gpc-assure embedded Spine simulators (PDS, SDS, SSP, GP Connect provider) on loopback',
    pds: { baseUrl: `${urls.pds}${PDS_BASE_PATH}`, timeoutMs: 10_000 },
    sds: { baseUrl: `${urls.sds}${SDS_BASE_PATH}`, apiKey: EMBEDDED_API_KEY_REF, timeoutMs: 10_000 },
    ssp: { baseUrl: urls.ssp, timeoutMs: 10_000 },
    consumer: {
      asid: CONSUMER.asid,
      odsCode: CONSUMER.odsCode,
      organizationName: CONSUMER.organizationName,
      systemUrl: CONSUMER.systemUrl,
      telecom: '03001234567',
      practitioner: { id: '10019', family: 'Assurance', given: ['Alex'], prefix: ['Dr'], sdsUserId: '111222333444', sdsRoleProfileId: '444555666777', localUserId: '98ed4f78-814d-4266-8d5b-cde742f3093c' },
      device: { system: 'https://consumer.gpc-assure.invalid/Id/device-identifier', value: 'gpc-assure-1', model: 'gpc-assure', version: '0.1.0' },
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
        invalidCheckDigit: { nhsNumber: INVALID_NHS_NUMBER },
      },
      unagreedConsumerAsid: UNAGREED_CONSUMER.asid,
      slotSearchDays: 7,
    },
    ...(faults.length ? { simulator: { fault: faults.join(',') } } : {}),
  };
}

export async function startSimulators(opts: SimulatorOptions = {}): Promise<SimulatorSet> {
  const faults = new Faults(opts.faults ?? []);
  const port = (name: ServiceName) => opts.ports?.[name] ?? 0;
  const started: RunningServer[] = [];
  try {
    // The provider comes first: its address is part of every service root the registry holds.
    const provider = await startProvider({ port: port('provider'), faults });
    started.push(provider);
    const registry = embeddedRegistry(provider.baseUrl);
    const ssp = await startSsp({ port: port('ssp'), faults, registry });
    started.push(ssp);
    const pds = await startPds({ port: port('pds'), faults });
    started.push(pds);
    const sds = await startSds({ port: port('sds'), faults, registry: () => registry });
    started.push(sds);
    const urls = { pds: pds.baseUrl, sds: sds.baseUrl, ssp: ssp.baseUrl, provider: provider.baseUrl };
    const doc = targetDocument(urls, faults.list);
    return {
      // Checked and resolved exactly as a target file would be, so both paths share one code path.
      target: checkTarget(structuredClone(doc), 'embedded'),
      targetDocument: doc,
      services: (Object.keys(urls) as ServiceName[]).map((name) => ({ name, baseUrl: urls[name] })),
      stop: async () => {
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (err) {
    await Promise.all(started.map((s) => s.close()));
    throw err;
  }
}
