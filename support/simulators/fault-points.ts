/**
 * The named points where a simulator hands a value to the switched-on faults, and what a fault may declare
 * about them. A simulator calls `faults.apply('<point>', value, context)` and uses what comes back; with no
 * fault on, that is the value unchanged. A fault's `effects` say what it does at each point, so the whole of
 * a fault is its declaration (support/simulators/fault-modes/*.ts) and nothing else.
 *
 * Two kinds of point: a value the simulator is about to send (a Patient, a Bundle, an answer) that an effect
 * spoils, and a set of the duties the simulator performs (checks it makes, things it keeps) from which a
 * lenient effect removes one. This file imports types only from modules that know nothing of faults.
 */
import type { ClinicalArea } from '../gpconnect/structured-operation';
import type { Capability, Interaction } from '../interactions';
import type { EdgeRule } from '../jwt/jwt-rules';
import type { Hop } from '../requirements';
import type { SspRuleId } from '../spine/ssp-rules';
import type { Person } from './fixtures/people';
import type { SimResponse } from './http-kit';
import type { AsRecord, MhsRecord, Registry } from '../domain/registry';
import type { SdsRefusal } from './sds-refusals';
import type { ProviderDuty } from './provider/duties';
import type { GpcError } from './provider/outcomes';
import type { ClaimPolicy, SlotRecord } from './provider/state';
import type { PartValue } from './provider/structured/parameters';
import type { JwtVariant } from '../versions';

type Json = Record<string, unknown>;
type Resource = Json & { resourceType: string; id: string };

/** Each point: [the value handed over, what the simulator tells the effect about it]. */
export interface FaultPoints {
  /** PDS: the record behind a traced number, before it is rendered. */
  'pds.person': [Person, undefined];
  /** PDS: the Patient as rendered; `requested` is the NHS number in the URL. */
  'pds.patient': [Json, { requested: string }];
  /** PDS: the answer to a trace of a known number that passed the request checks (200, or a 404 if invalidated). */
  'pds.trace': [SimResponse, undefined];
  /** PDS: every answer, errors included, before the mirrored headers are added. */
  'pds.answer': [SimResponse, undefined];
  /** PDS: the request headers mirrored on every answer (X-Request-ID, X-Correlation-ID). */
  'pds.mirrored-headers': [Record<string, string>, undefined];
  /** SDS: the Endpoints or Devices a search matched, before they are rendered. */
  'sds.endpoint-rows': [readonly MhsRecord[], undefined];
  'sds.device-rows': [readonly AsRecord[], undefined];
  /** SDS: whether a Device search narrows by organization (it must). */
  'sds.device-search-by-organization': [boolean, undefined];
  /** SDS: how a record's interaction IDs are matched against the one asked for (exactly, per the spec). */
  'sds.interaction-match': [(interactions: readonly string[], asked: string) => boolean, undefined];
  /** SDS: each matched record before it is rendered; `interaction` is the one asked for ('' when none). */
  'sds.endpoint-record': [MhsRecord, { interaction: string; registry: Registry }];
  'sds.device-record': [AsRecord, { interaction: string; registry: Registry }];
  /** SDS: the answer to an Endpoint search; `matched` are the records the query found. */
  'sds.endpoint-search': [SimResponse, { matched: readonly MhsRecord[] }];
  /** SDS: whether the API gateway in front of SDS refuses a request without apikey (the real one does). */
  'sds.gateway-checks-apikey': [boolean, undefined];
  /** SDS: the refusal (sds-refusals.ts) about to be written as an OperationOutcome. */
  'sds.refusal': [SdsRefusal, undefined];
  /** SDS: the Endpoint and Device resources as rendered. */
  'sds.endpoint': [Json, undefined];
  'sds.device': [Json, undefined];
  /** SDS: every answer, errors included. */
  'sds.answer': [SimResponse, undefined];
  /** SSP: the rules (support/spine/ssp-rules.ts) this SSP enforces. */
  'ssp.rules': [ReadonlySet<SspRuleId>, { interaction?: string } | undefined];
  /** Provider: the Spine edge rules it checks, in order; `candidates` are the interactions the URL matches. */
  'provider.edge-rules': [readonly EdgeRule[], { candidates: readonly { interaction: Interaction }[] }];
  /** Provider: the answer rules (jwt-rules.ts ANSWER_RULES) it keeps when writing every answer. */
  'provider.answer-rules': [ReadonlySet<string>, { interaction?: string } | undefined];
  /** Provider: what it does beyond the edge rules (provider/duties.ts). */
  'provider.duties': [ReadonlySet<ProviderDuty>, undefined];
  'provider.capability-statement': [Json, undefined];
  /** Provider slot search: the longest range in days, the query (an over-strict effect may refuse it), includes. */
  'provider.slot-search-max-days': [number, undefined];
  'provider.slot-search-query': [URLSearchParams, undefined];
  'provider.slot-search-includes': [ReadonlySet<string>, undefined];
  /** Provider slot search: the slots offered; `now` and the searched end date (UK) for the spoilers. */
  'provider.slots-offered': [readonly SlotRecord[], { now: Date; endDate: string }];
  /** Provider slot search: how Slots are rendered. */
  'provider.slot-rendering': [{ utcTimes: boolean; noChannel: boolean }, undefined];
  /** Provider slot search: the resources of the answer, before the Bundle is made. */
  'provider.slot-resources': [readonly Resource[], undefined];
  'provider.slot-bundle': [Json, undefined];
  /** Find patient: the person found (if any) for the searched NHS number at the practice `ods`. */
  'provider.patient-found': [Person | undefined, { ods: string; nhsNumber: string }];
  'provider.patient-rendering': [
    { legacySystem: boolean; noVerification: boolean; nameUse: 'official' | 'usual' },
    undefined,
  ];
  'provider.patients': [readonly Resource[], undefined];
  /** Booking: the participant actor types a booking must have; the slots it names, time-ordered. */
  'provider.booking-actors': [readonly string[], undefined];
  'provider.booking-slots': [readonly SlotRecord[], undefined];
  /** Booking: the Prefer header as the provider reads it; how it claims the slots; its answer. */
  'provider.booking-prefer': [string, undefined];
  'provider.slot-claim': [ClaimPolicy, undefined];
  'provider.booked': [SimResponse, { patientId: string }];
  /** Read appointment, and the Foundations reads: the answer; the refusal of an unknown id. */
  'provider.appointment-read': [SimResponse, undefined];
  /** Amend and cancel appointment: the answer, the new version. */
  'provider.appointment-updated': [SimResponse, undefined];
  'provider.resource-read': [SimResponse, undefined];
  'provider.read-not-found': [GpcError, undefined];
  /** Find practitioner / organisation: what the search found for `type` by `system|value`. */
  'provider.found-resources': [readonly Resource[], { type: string; system: string; value: string }];
  /** Retrieve a patient's appointments: those found in the range. */
  'provider.patient-appointments': [readonly Resource[], undefined];
  /** The capability a request is served as: the root's own; `getsStructuredRecord` when it is that POST. */
  'provider.served-capability': [Capability, { getsStructuredRecord: boolean; searchesDocuments: boolean }];
  /** The JWT rule variant the provider applies at a root of `capability` (support/versions.ts). */
  'provider.jwt-variant': [JwtVariant, { capability: Capability }];
  /** Get structured record: the areas asked for with their parts; the resources and Bundle of the answer. */
  'provider.structured-areas': [ReadonlyMap<ClinicalArea, Record<string, PartValue>>, undefined];
  'provider.structured-resources': [readonly Resource[], undefined];
  'provider.structured-bundle': [Json, undefined];
  /** Get structured record: a refusal about to be written as an OperationOutcome. */
  'provider.structured-refusal': [GpcError, undefined];
  /** Access Document: the DocumentReferences found, the Binary retrieved, a refusal about to be written. */
  'provider.document-references': [readonly Resource[], { serviceRoot: string }];
  'provider.binary': [Json, undefined];
  'provider.documents-refusal': [GpcError, undefined];
}

export type FaultPoint = keyof FaultPoints;
export type FaultEffect<P extends FaultPoint> = (
  value: FaultPoints[P][0],
  context: FaultPoints[P][1],
) => FaultPoints[P][0];
export type FaultEffects = { [P in FaultPoint]?: FaultEffect<P> };

export interface FaultMode {
  id: string;
  hop: Exclude<Hop, 'config'>;
  description: string;
  /** Requirement IDs whose scenarios must fail under this fault. */
  breaks: string[];
  /** Words the failure message must carry, so the fault is named and not merely seen (issue 18 item 5). */
  names?: string;
  /** What the fault does, point by point; every fault has at least one (test/unit/fault-effects.test.ts). */
  effects: FaultEffects;
}

/** `duties` minus the ones named: what a lenient effect on a duty point returns. */
export const without =
  <T>(...skipped: NoInfer<T>[]) =>
  (duties: ReadonlySet<T>): ReadonlySet<T> =>
    new Set([...duties].filter((d) => !skipped.includes(d)));

/** A list of resources minus those of one type: what a fault that leaves a resource out returns. */
export const withoutResources =
  (type: string) =>
  <R extends Json>(resources: readonly R[]): R[] =>
    resources.filter((r) => r.resourceType !== type);

/** What a simulator holds of the switched-on faults: the one call it makes at each point. */
export interface FaultSwitches {
  apply<P extends FaultPoint>(point: P, value: FaultPoints[P][0], context: FaultPoints[P][1]): FaultPoints[P][0];
  readonly list: string[];
}
