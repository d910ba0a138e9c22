/**
 * The harness's own Spine client driven as an Access Document consumer: PDS trace → SDS Endpoint and Device
 * for search documents (T13) → the documents root's metadata → find the patient there → search their
 * documents → retrieve the first Binary offered. Each `DocumentsConsumerVariant` knob makes it wrong in one
 * way, so a wrong documents consumer is a row of data.
 */
import type { Target } from '../config/target';
import { ofType } from '../fhir/bundle';
import { documentSearchQuery } from '../gpconnect/document-query';
import { patientQuery } from '../gpconnect/requests';
import { interaction, type InteractionName } from '../interactions';
import type { Claims } from '../jwt/gpc-jwt';
import { EvidenceLog } from '../spine/http';
import { sendGpc } from '../spine/ssp-client';
import { answer, only } from './reference-consumer';
import { traceAndResolveRoot } from './resolve-root';

export interface DocumentsConsumerVariant {
  /** The interaction whose SDS root and ASID the consumer uses (default: search documents). */
  lookup?: InteractionName;
  /** The search's query string (default: the mandatory includes only). */
  query?: string;
  /** Claims replaced on the search, or on the Binary retrieve. */
  searchClaims?: () => Claims;
  retrieveClaims?: () => Claims;
  headers?: Record<string, string | null>;
}

/** Resolves to the evidence; rejects at the first unexpected answer (what was sent is recorded already). */
export async function runReferenceDocumentsConsumer(
  target: Target,
  v: DocumentsConsumerVariant = {},
): Promise<EvidenceLog> {
  const log = new EvidenceLog();
  const { nhsNumber, root, providerAsid } = await traceAndResolveRoot(log, target, v.lookup ?? 'search documents');
  const gpc = (name: InteractionName, req: { id?: string; query?: string; claims?: Claims } = {}) =>
    sendGpc(log, target, { interaction: interaction(name), root, providerAsid, headers: v.headers, ...req });
  answer(await gpc('read documents metadata'), 200, 'documents metadata');
  const patients = answer(await gpc('search documents patient', { query: patientQuery(nhsNumber) }), 200, 'patient');
  const patientId = String(only(patients, 'Patient', 'documents find patient').id);
  const query = v.query ?? documentSearchQuery();
  const search = answer(
    await gpc('search documents', { id: patientId, query, claims: v.searchClaims?.() }),
    200,
    'documents search',
  );
  const url = ofType(search, 'DocumentReference')
    .map((d) => (d.content as { attachment?: { url?: string } }[] | undefined)?.[0]?.attachment?.url)
    .find((u): u is string => typeof u === 'string');
  if (!url) throw new Error('documents search: no DocumentReference offers a Binary URL');
  const id = url.slice(url.lastIndexOf('/') + 1);
  answer(await gpc('retrieve document', { id, claims: v.retrieveClaims?.() }), 200, 'Binary');
  return log;
}
