/**
 * The harness's own Spine client driven as a consumer system: the worked example (trace → SDS two-step →
 * metadata → free slots → find patient → book) against a target, usually the one a consumer session wrote.
 * It proves consumer mode passes a conformant consumer; each `ConsumerVariant` knob makes it wrong in one
 * way, so a deliberately wrong consumer is a row of data, not a copied script.
 */
import type { Target } from '../config/target';
import { identifierValue, ofType, resolve, type Resource } from '../fhir/bundle';
import { appointmentFor, patientQuery, slotQuery, slotRange } from '../gpconnect/requests';
import { interaction, type InteractionName } from '../interactions';
import type { Claims } from '../jwt/gpc-jwt';
import { EvidenceLog, type HttpResult } from '../spine/http';
import { tracePatient } from '../spine/pds-client';
import { findDevices, findDevicesWithoutPartyKey, findEndpoints } from '../spine/sds-client';
import { sendGpc, type GpcRequest } from '../spine/ssp-client';
import { SYS } from '../spine/systems';

export interface ConsumerVariant {
  /** Leave X-Request-ID off the PDS trace. */
  omitRequestId?: boolean;
  /** Skip the PDS trace and route on the ODS code the test data expects. */
  skipTrace?: boolean;
  /** Look the Device up by ODS + interaction only, without the Endpoint's party key (pre-1.2.3, not T13). */
  oneStepSds?: boolean;
  /** The interaction whose SDS root the consumer uses for everything (default: read metadata). */
  lookup?: InteractionName;
  /** Rewrites the root SDS returned before it goes into the URL and aud. */
  root?: (root: string) => string;
  /** Claim overrides for every GP Connect request, made fresh per request (timing claims need now). */
  claims?: () => Claims;
  /** Ssp-From instead of the consumer's own ASID. */
  fromAsid?: string;
  headers?: Record<string, string | null>;
  slotDays?: number;
  /** Rewrites the slot search's query string. */
  slotQuery?: (query: string) => string;
  /** Rewrites the booking body. */
  booking?: (body: Resource) => Resource;
  /** Rewrites every encoded token (a signed or undecodable one). */
  token?: (jwt: string) => string;
  /**
   * After booking, also ask the structured root (its own SDS lookup) for the structured record of this
   * test-data patient. Its answer is not awaited as a pass: the embedded provider does not serve it yet.
   */
  structuredRecordOf?: string;
}

/** Stops the journey at the first unexpected answer: what was sent so far is already recorded. */
export function answer(result: HttpResult, status: number, what: string): Resource {
  if (result.status !== status)
    throw new Error(
      `${what}: expected ${status}, got ${result.status ?? result.transport?.kind}: ${result.text.slice(0, 200)}`,
    );
  return JSON.parse(result.text) as Resource;
}

export const only = (bundle: Resource, type: string, what: string): Resource => {
  const found = ofType(bundle, type);
  if (found.length !== 1) throw new Error(`${what}: expected one ${type}, got ${found.length}`);
  return found[0];
};

/** The $gpc.getstructuredrecord body for one NHS number, asking for allergies (CON-ARS-PARAMETERS, ARS-ALLERGIES). */
const structuredRecordRequest = (nhsNumber: string): Resource => ({
  resourceType: 'Parameters',
  parameter: [
    { name: 'patientNHSNumber', valueIdentifier: { system: SYS.nhsNumber, value: nhsNumber } },
    { name: 'includeAllergies', part: [{ name: 'includeResolvedAllergies', valueBoolean: true }] },
  ],
});

/** The two-step SDS lookup (T13, or the one-step one a variant asks for): the service root and the provider ASID. */
async function lookUpRoot(log: EvidenceLog, target: Target, ods: string, name: InteractionName, v: ConsumerVariant) {
  const lookup = interaction(name);
  const endpoint = only(
    answer(await findEndpoints(log, target, ods, lookup.interactionId), 200, 'SDS Endpoint'),
    'Endpoint',
    'SDS Endpoint',
  );
  const partyKey = identifierValue(endpoint, SYS.partyKey) ?? '';
  const deviceSearch = v.oneStepSds
    ? findDevicesWithoutPartyKey(log, target, ods, lookup.interactionId)
    : findDevices(log, target, ods, lookup.interactionId, partyKey);
  const device = only(answer(await deviceSearch, 200, 'SDS Device'), 'Device', 'SDS Device');
  return {
    root: (v.root ?? ((r) => r))(String(endpoint.address)),
    providerAsid: identifierValue(device, SYS.asid) ?? '',
  };
}

/** Runs the worked example as a consumer; resolves to the evidence, rejects at the first unexpected answer. */
export async function runReferenceConsumer(target: Target, v: ConsumerVariant = {}): Promise<EvidenceLog> {
  const log = new EvidenceLog();
  const patient = target.testData.patients.registered;
  let nhsNumber = patient.nhsNumber;
  let ods = patient.expectedOds ?? '';
  if (!v.skipTrace) {
    const traced = answer(
      await tracePatient(log, target, nhsNumber, { omitRequestId: v.omitRequestId }),
      200,
      'PDS trace',
    );
    nhsNumber = traced.id ?? nhsNumber;
    ods = identifierValue((traced.generalPractitioner as unknown[])[0], SYS.odsOrg) ?? '';
  }

  const { root, providerAsid } = await lookUpRoot(log, target, ods, v.lookup ?? 'read metadata', v);
  const gpc = (name: InteractionName, req: Partial<GpcRequest> = {}) =>
    sendGpc(log, target, {
      interaction: interaction(name),
      root,
      providerAsid,
      claims: v.claims?.(),
      fromAsid: v.fromAsid,
      headers: v.headers,
      token: v.token,
      ...req,
    });

  answer(await gpc('read metadata'), 200, 'metadata');
  const query = slotQuery(slotRange(v.slotDays ?? target.testData.slotSearchDays ?? 7), target.consumer.odsCode);
  const slots = answer(
    await gpc('search free slots', { query: (v.slotQuery ?? ((q) => q))(query) }),
    200,
    'slot search',
  );
  const slot = ofType(slots, 'Slot').find((s) => s.status === 'free');
  if (!slot) throw new Error('slot search: no free slot');
  const schedule = resolve(slots, (slot.schedule as { reference?: string }).reference);
  const found = only(
    answer(await gpc('find patient', { query: patientQuery(nhsNumber) }), 200, 'find patient'),
    'Patient',
    'find patient',
  );
  const body = appointmentFor(target, slot, schedule, String(found.id));
  answer(await gpc('book appointment', { body: (v.booking ?? ((b) => b))(body) }), 201, 'book');
  if (v.structuredRecordOf) {
    const structured = await lookUpRoot(log, target, ods, 'get structured record', v);
    const of = target.testData.patients[v.structuredRecordOf].nhsNumber;
    await gpc('get structured record', { ...structured, body: structuredRecordRequest(of) });
  }
  return log;
}
