/**
 * The harness's own Spine client driven as an Access Record Structured consumer: PDS trace → SDS Endpoint
 * and Device for get structured record (T13) → the structured root's metadata → the structured record. Each
 * `ArsConsumerVariant` knob makes it wrong in one way, so a wrong ARS consumer is a row of data.
 */
import type { Target } from '../config/target';
import { structuredRecordParameters, type AreaRequest } from '../gpconnect/structured-operation';
import { interaction, type InteractionName } from '../interactions';
import type { Claims } from '../jwt/gpc-jwt';
import { EvidenceLog } from '../spine/http';
import { sendGpc } from '../spine/ssp-client';
import { answer } from './reference-consumer';
import { traceAndResolveRoot } from './resolve-root';

type Parameters = ReturnType<typeof structuredRecordParameters>;

export interface ArsConsumerVariant {
  /** The interaction whose SDS root and ASID the consumer uses (default: get structured record). */
  lookup?: InteractionName;
  /** The areas asked for (default: allergies with resolved ones, and medication). */
  areas?: AreaRequest[];
  /** Rewrites the Parameters body. */
  body?: (body: Parameters) => unknown;
  claims?: () => Claims;
  headers?: Record<string, string | null>;
}

const DEFAULT_AREAS: AreaRequest[] = [
  { area: 'allergies', parts: { includeResolvedAllergies: true } },
  { area: 'medication', parts: { includePrescriptionIssues: true } },
];

/** Resolves to the evidence; rejects at the first unexpected answer (what was sent is recorded already). */
export async function runReferenceArsConsumer(target: Target, v: ArsConsumerVariant = {}): Promise<EvidenceLog> {
  const log = new EvidenceLog();
  const { nhsNumber, root, providerAsid } = await traceAndResolveRoot(log, target, v.lookup ?? 'get structured record');
  const gpc = (name: InteractionName, body?: unknown) =>
    sendGpc(log, target, {
      interaction: interaction(name),
      root,
      providerAsid,
      body,
      claims: v.claims?.(),
      headers: v.headers,
    });
  answer(await gpc('read structured metadata'), 200, 'structured metadata');
  const body = structuredRecordParameters(nhsNumber, v.areas ?? DEFAULT_AREAS);
  answer(await gpc('get structured record', (v.body ?? ((b) => b))(body)), 200, 'structured record');
  return log;
}
