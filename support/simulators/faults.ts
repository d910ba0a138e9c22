/**
 * Fault modes: each makes one simulator wrong in one way. They prove that every check can fail: the
 * meta-test runs the worked-example features once per fault and expects the scenarios for `breaks` to
 * fail, naming `hop`. A requirement no fault can break is reported by the meta-test as a defect.
 */
import { ANSWER_RULES, EDGE_RULES, lenientFault } from '../jwt/jwt-rules';
import type { Hop } from '../requirements';
import { SSP_RULES, sspLenientFault } from '../spine/ssp-rules';
import { isTransportFault } from './chaos';

export interface FaultMode {
  id: string;
  hop: Exclude<Hop, 'config'>;
  description: string;
  /** Requirement IDs whose scenarios must fail under this fault. */
  breaks: string[];
}

/** The worked example's faults, written by hand: what test/meta/fault-modes.test.ts runs. */
export const WORKED_EXAMPLE_FAULTS = [
  // PDS
  { id: 'pds-500', hop: 'pds', description: 'PDS answers 500 to every trace', breaks: ['WE-1a'] },
  {
    id: 'pds-plain-json',
    hop: 'pds',
    description: 'PDS labels its body application/json instead of application/fhir+json',
    breaks: ['WE-1a'],
  },
  { id: 'pds-returns-bundle', hop: 'pds', description: 'PDS returns a Bundle instead of a Patient', breaks: ['WE-1a'] },
  {
    id: 'pds-wrong-identifier-system',
    hop: 'pds',
    description: 'PDS carries the NHS number under a legacy identifier system',
    breaks: ['WE-1b'],
  },
  {
    id: 'pds-bad-check-digit',
    hop: 'pds',
    description: 'PDS returns an NHS number whose check digit is wrong',
    breaks: ['WE-1b'],
  },
  { id: 'pds-no-gp', hop: 'pds', description: 'PDS drops generalPractitioner', breaks: ['WE-1c'] },
  {
    id: 'pds-lowercase-ods',
    hop: 'pds',
    description: 'PDS returns the practice ODS code in lower case',
    breaks: ['WE-1c'],
  },
  { id: 'pds-no-request-id-echo', hop: 'pds', description: 'PDS does not mirror X-Request-ID', breaks: ['WE-1d'] },
  // SDS
  { id: 'sds-no-endpoints', hop: 'sds', description: 'SDS finds no Endpoint', breaks: ['WE-2a'] },
  { id: 'sds-two-endpoints', hop: 'sds', description: 'SDS returns the Endpoint twice', breaks: ['WE-2a'] },
  {
    id: 'sds-trailing-slash',
    hop: 'sds',
    description: 'SDS returns the service root with a trailing slash',
    breaks: ['WE-2b'],
  },
  {
    id: 'sds-no-party-key',
    hop: 'sds',
    description: 'SDS drops the party key identifier from Endpoint',
    breaks: ['WE-2c'],
  },
  { id: 'sds-two-devices', hop: 'sds', description: 'SDS returns the Device twice', breaks: ['WE-2d'] },
  { id: 'sds-bad-asid', hop: 'sds', description: 'SDS returns an 11-digit ASID', breaks: ['WE-2d'] },
  // SSP
  {
    id: 'ssp-lenient-url',
    hop: 'ssp',
    description: 'The SSP forwards URLs that differ from the SDS root',
    breaks: ['WE-3c'],
  },
  {
    id: 'ssp-no-fot-check',
    hop: 'ssp',
    description: 'The SSP forwards between ASIDs with no data-sharing agreement',
    breaks: ['WE-3d'],
  },
  // Provider
  {
    id: 'provider-metadata-wrong-version',
    hop: 'provider',
    description: 'The CapabilityStatement says fhirVersion 4.0.1',
    breaks: ['WE-3a'],
  },
  {
    id: 'provider-metadata-no-xml',
    hop: 'provider',
    description: 'The CapabilityStatement lists only JSON',
    breaks: ['WE-3b'],
  },
  {
    id: 'provider-no-cache-control',
    hop: 'provider',
    description: 'The provider omits Cache-Control: no-store',
    breaks: ['WE-3b'],
  },
  {
    id: 'provider-slots-collection',
    hop: 'provider',
    description: 'The slot search Bundle is a collection, not a searchset',
    breaks: ['WE-4a'],
  },
  { id: 'provider-busy-slot', hop: 'provider', description: 'The slot search returns a busy Slot', breaks: ['WE-4b'] },
  {
    id: 'provider-slot-out-of-range',
    hop: 'provider',
    description: 'The slot search returns a Slot after the searched end',
    breaks: ['WE-4b'],
  },
  {
    id: 'provider-slots-no-schedule',
    hop: 'provider',
    description: 'The slot search leaves Schedules out of the Bundle',
    breaks: ['WE-4c'],
  },
  { id: 'provider-slot-utc-times', hop: 'provider', description: 'Slots carry UTC (Z) times', breaks: ['WE-4d'] },
  {
    id: 'provider-slot-no-channel',
    hop: 'provider',
    description: 'Slots carry no delivery channel',
    breaks: ['WE-4d'],
  },
  {
    id: 'provider-patient-search-empty',
    hop: 'provider',
    description: 'Find patient returns an empty Bundle',
    breaks: ['WE-5a'],
  },
  {
    id: 'provider-patient-wrong-system',
    hop: 'provider',
    description: 'The Patient carries its NHS number under a legacy system',
    breaks: ['WE-5b'],
  },
  {
    id: 'provider-patient-no-verification',
    hop: 'provider',
    description: 'The Patient NHS number has no verification status',
    breaks: ['WE-5b'],
  },
  {
    id: 'provider-patient-no-official-name',
    hop: 'provider',
    description: 'The Patient name has use usual, not official',
    breaks: ['WE-5c'],
  },
  { id: 'provider-book-200', hop: 'provider', description: 'Booking answers 200 instead of 201', breaks: ['WE-6a'] },
  {
    id: 'provider-book-no-location-header',
    hop: 'provider',
    description: 'Booking answers without a Location header',
    breaks: ['WE-6a'],
  },
  {
    id: 'provider-book-no-profile',
    hop: 'provider',
    description: 'The booked Appointment has no meta.profile',
    breaks: ['WE-6b'],
  },
  {
    id: 'provider-book-drops-location',
    hop: 'provider',
    description: 'The booked Appointment loses its Location participant',
    breaks: ['WE-6b'],
  },
  {
    id: 'provider-double-booking',
    hop: 'provider',
    description: 'The provider books a slot that is already booked',
    breaks: ['WE-6c', 'AM-BOOK-RACE'],
  },
  {
    id: 'provider-slot-stays-free',
    hop: 'provider',
    description: 'A booked slot is still offered as free',
    breaks: ['WE-6d'],
  },
  {
    id: 'provider-book-wrong-patient',
    hop: 'provider',
    description: 'The booked Appointment names another patient',
    breaks: ['WE-J1'],
  },
  // Worked example in depth (support/requirements-depth.ts)
  {
    id: 'pds-restricted-unflagged',
    hop: 'pds',
    description: 'PDS answers a restricted record as unrestricted, with its generalPractitioner',
    breaks: ['WE-1e'],
  },
  {
    id: 'pds-superseded-old-id',
    hop: 'pds',
    description: 'PDS answers a superseded number with the surviving record under the old id',
    breaks: ['WE-1f'],
  },
  {
    id: 'pds-errors-as-500',
    hop: 'pds',
    description: 'PDS answers every refusal with 500 SERVICE_UNAVAILABLE',
    breaks: ['WE-1g'],
  },
  { id: 'pds-drops-deceased', hop: 'pds', description: 'PDS leaves deceasedDateTime out', breaks: ['WE-1h'] },
  { id: 'sds-no-devices', hop: 'sds', description: 'SDS finds no Device', breaks: ['WE-2d'] },
  {
    id: 'sds-other-practice-root',
    hop: 'sds',
    description: "SDS returns a service root naming another practice's ODS code",
    breaks: ['WE-2b'],
  },
  {
    id: 'sds-structured-root',
    hop: 'sds',
    description: 'SDS returns the Access Record Structured root for appointments interactions',
    breaks: ['WE-2f'],
  },
  { id: 'sds-errors-as-500', hop: 'sds', description: 'SDS answers every refusal with 500', breaks: ['WE-2e'] },
  {
    id: 'sds-device-ignores-organization',
    hop: 'sds',
    description: "SDS Device search ignores the organization parameter, so a hosting ASID looks like the requester's",
    breaks: ['TOP-T2'],
  },
  {
    id: 'provider-slots-unchecked-params',
    hop: 'provider',
    description: 'The slot search ignores its parameter rules and the 14-day window',
    breaks: ['AM-SLOT-RANGE', 'AM-SLOT-PARAMS'],
  },
  {
    id: 'provider-slots-7-day-limit',
    hop: 'provider',
    description: 'The slot search refuses ranges over 7 days',
    breaks: ['AM-SLOT-RANGE'],
  },
  {
    id: 'provider-slots-strict-filter',
    hop: 'provider',
    description: 'The slot search refuses searchFilter systems it does not know',
    breaks: ['AM-SLOT-FILTER'],
  },
  {
    id: 'provider-slots-include-everything',
    hop: 'provider',
    description: 'The slot search includes Practitioner and Location whether asked or not',
    breaks: ['AM-SLOT-INCLUDE'],
  },
  {
    id: 'provider-slots-no-organization',
    hop: 'provider',
    description: 'The slot search leaves the Organization out, so Location.managingOrganization dangles',
    breaks: ['AM-SLOT-INCLUDE', 'AM-SLOT-CONTENT'],
  },
  {
    id: 'provider-book-lenient-body',
    hop: 'provider',
    description: 'Booking skips the body rules: mandatory elements, forbidden ones, participants, booking organisation',
    breaks: ['AM-BOOK-INVALID'],
  },
  {
    id: 'provider-book-requires-practitioner',
    hop: 'provider',
    description: 'Booking refuses an Appointment with no Practitioner participant',
    breaks: ['AM-BOOK-OPTIONAL'],
  },
  {
    id: 'provider-book-ignores-prefer',
    hop: 'provider',
    description: 'Booking returns the body even when Prefer: return=minimal',
    breaks: ['AM-BOOK-PREFER'],
  },
  {
    id: 'provider-lifecycle-ignores-etag',
    hop: 'provider',
    description: 'Amend and cancel accept any If-Match, stale or missing',
    breaks: ['AM-LIFE-ETAG'],
  },
  {
    id: 'provider-amend-anything',
    hop: 'provider',
    description: 'Amend accepts changes to any element, not only description and comment',
    breaks: ['AM-LIFE-AMEND'],
  },
  {
    id: 'provider-cancel-keeps-slots',
    hop: 'provider',
    description: 'A cancelled appointment keeps its slots busy',
    breaks: ['AM-LIFE-CANCEL'],
  },
  {
    id: 'provider-read-stale-version',
    hop: 'provider',
    description: 'Reading an appointment answers an ETag that is not its versionId',
    breaks: ['AM-LIFE-READ'],
  },
  {
    id: 'provider-cancel-without-reason',
    hop: 'provider',
    description: 'Cancel accepts an empty cancellation reason',
    breaks: ['AM-LIFE-REASON'],
  },
  {
    id: 'provider-appointments-unchecked',
    hop: 'provider',
    description: "Retrieving a patient's appointments accepts any range and any patient id",
    breaks: ['AM-LIFE-RETRIEVE'],
  },
  {
    id: 'provider-appointments-empty',
    hop: 'provider',
    description: "Retrieving a patient's appointments finds none",
    breaks: ['AM-LIFE-RETRIEVE'],
  },
  {
    id: 'provider-patient-wrong-birthdate',
    hop: 'provider',
    description: 'Find patient returns a birthDate that differs from PDS',
    breaks: ['AM-DEMOGRAPHICS'],
  },
  {
    id: 'provider-read-strong-etag',
    hop: 'provider',
    description: 'Foundations reads answer a strong ETag, not W/"<versionId>"',
    breaks: ['AM-FND-READ'],
  },
  {
    id: 'provider-read-unknown-as-500',
    hop: 'provider',
    description: 'Foundations reads of an unknown id answer 500, not 404',
    breaks: ['AM-FND-NOTFOUND'],
  },
  {
    id: 'provider-book-any-slots',
    hop: 'provider',
    description: 'Booking accepts several slots that are not adjacent',
    breaks: ['AM-BOOK-MULTI'],
  },
  {
    id: 'provider-book-single-slot',
    hop: 'provider',
    description: 'Booking refuses every multi-slot Appointment',
    breaks: ['AM-BOOK-MULTI'],
  },
  {
    id: 'provider-patient-finds-everyone',
    hop: 'provider',
    description: 'Find patient returns restricted and deceased patients too',
    breaks: ['AM-PAT-HIDDEN'],
  },
  {
    id: 'provider-patient-lenient-identifier',
    hop: 'provider',
    description: 'Find patient accepts any spelling, count, system or value of identifier',
    breaks: ['AM-PAT-PARAMS'],
  },
  // On the embedded practice today has no slots, so the 0-day range is empty too.
  {
    id: 'provider-slots-empty-404',
    hop: 'provider',
    description: 'The slot search answers 404 when no slot is free in the range',
    breaks: ['AM-SLOT-EMPTY', 'AM-SLOT-RANGE'],
  },
  {
    id: 'provider-book-past-slot',
    hop: 'provider',
    description: 'Booking accepts a slot that has already started',
    breaks: ['AM-BOOK-PAST'],
  },
  {
    id: 'provider-book-visit-slot',
    hop: 'provider',
    description: 'Booking accepts a Visit slot',
    breaks: ['AM-BOOK-VISIT'],
  },
  {
    id: 'provider-register-forgets',
    hop: 'provider',
    description: 'Register patient answers the Patient but does not keep the registration',
    breaks: ['AM-FND-REGISTER'],
  },
  {
    id: 'provider-register-twice',
    hop: 'provider',
    description: 'Register patient registers a patient the practice already has',
    breaks: ['AM-FND-REG-DUPLICATE'],
  },
  {
    id: 'provider-register-unchecked',
    hop: 'provider',
    description: 'Register patient checks neither the NHS number nor PDS',
    breaks: ['AM-FND-REG-NHS', 'AM-FND-REG-PDS'],
  },
  {
    id: 'provider-find-foundations-empty',
    hop: 'provider',
    description: 'Find practitioner and find organisation find nothing',
    breaks: ['AM-FND-SEARCH'],
  },
  {
    id: 'provider-find-unknown-404',
    hop: 'provider',
    description: 'Find practitioner and find organisation answer 404 for an identifier they do not know',
    breaks: ['AM-FND-SEARCH-EMPTY'],
  },
  {
    id: 'provider-find-lenient-identifier',
    hop: 'provider',
    description: 'Find practitioner and find organisation accept any identifier system, or none',
    breaks: ['AM-FND-SEARCH-PARAMS'],
  },
  {
    id: 'provider-reads-any-interaction',
    hop: 'provider',
    description: 'Foundations reads are served whatever Ssp-InteractionID names',
    breaks: ['AM-FND-WRONG-INTERACTION'],
  },
  // Access Record Structured (support/requirements-ars.ts)
  {
    id: 'sds-appointments-root-for-structured',
    hop: 'sds',
    description: 'SDS returns the appointments root for the structured interactions',
    breaks: ['ARS-SDS'],
  },
  {
    id: 'provider-ars-metadata-1.5',
    hop: 'provider',
    description: "The structured root's CapabilityStatement declares version 1.5.0 on a 1.6 provider",
    breaks: ['ARS-METADATA'],
  },
  {
    id: 'provider-ars-searchset',
    hop: 'provider',
    description: 'The structured record Bundle is a searchset, not a collection',
    breaks: ['ARS-BUNDLE'],
  },
  {
    id: 'provider-ars-bundle-id',
    hop: 'provider',
    description: 'The structured record Bundle carries an id and meta.versionId',
    breaks: ['ARS-BUNDLE'],
  },
  {
    id: 'provider-ars-other-patient',
    hop: 'provider',
    description: "The structured record's Patient carries another NHS number",
    breaks: ['ARS-PATIENT'],
  },
  {
    id: 'provider-ars-dangling-reference',
    hop: 'provider',
    description: 'Each List names a Patient that is not in the Bundle',
    breaks: ['ARS-REFERENCES'],
  },
  {
    id: 'provider-ars-unrequested-area',
    hop: 'provider',
    description: 'The immunisations List is returned whether asked for or not',
    breaks: ['ARS-AREAS'],
  },
  {
    id: 'provider-ars-empty-no-reason',
    hop: 'provider',
    description: 'An empty List has no emptyReason',
    breaks: ['ARS-EMPTY'],
  },
  {
    id: 'provider-ars-resolved-always',
    hop: 'provider',
    description: 'Resolved allergies are returned even with includeResolvedAllergies false',
    breaks: ['ARS-ALLERGIES'],
  },
  {
    id: 'provider-ars-ignores-medication-date',
    hop: 'provider',
    description: 'medicationSearchFromDate is ignored',
    breaks: ['ARS-MEDICATION'],
  },
  {
    id: 'provider-ars-ignores-problem-status',
    hop: 'provider',
    description: 'filterStatus is ignored',
    breaks: ['ARS-PROBLEMS'],
  },
  {
    id: 'provider-ars-not-given-always',
    hop: 'provider',
    description: 'Immunisations not given are returned without includeNotGiven',
    breaks: ['ARS-IMMUNISATIONS'],
  },
  {
    id: 'provider-ars-no-unrecognised-warning',
    hop: 'provider',
    description: 'Unrecognised parameters are ignored without a warning',
    breaks: ['ARS-UNRECOGNISED'],
  },
  {
    id: 'provider-ars-lenient-parameters',
    hop: 'provider',
    description: 'Invalid part values (missing, future, inverted, forbidden combinations) are accepted',
    breaks: ['ARS-INVALID-PARAMETER'],
  },
  {
    id: 'provider-ars-resource-as-parameter',
    hop: 'provider',
    description: 'A body that is no valid Parameters is refused 422 INVALID_PARAMETER instead of INVALID_RESOURCE',
    breaks: ['ARS-INVALID-RESOURCE'],
  },
  {
    id: 'provider-ars-nhs-number-422',
    hop: 'provider',
    description: 'An invalid NHS number is refused 422 INVALID_PARAMETER instead of 400 INVALID_NHS_NUMBER',
    breaks: ['ARS-NHS-NUMBER'],
  },
  {
    id: 'provider-ars-returns-deceased',
    hop: 'provider',
    description: "A deceased patient's record is returned",
    breaks: ['ARS-NOT-FOUND'],
  },
  {
    id: 'provider-ars-ignores-dissent',
    hop: 'provider',
    description: "A dissenting patient's record is returned",
    breaks: ['ARS-CONSENT'],
  },
  {
    id: 'provider-ars-any-root',
    hop: 'provider',
    description: 'The appointments root serves get structured record too',
    breaks: ['ARS-T11'],
  },
  {
    id: 'provider-ars-jwt-1.2',
    hop: 'provider',
    description: 'The structured root applies the 1.2 JWT rules, refusing a conf/N scope',
    breaks: ['ARS-JWT-1.6'],
  },
] as const satisfies readonly FaultMode[];

/**
 * Over-strict providers: each refuses one request a conformant provider must accept (facts §3.4), so the
 * spine-edge tolerance scenarios are seen to fail too.
 */
export const OVER_STRICT_FAULT_MODES = [
  {
    id: 'provider-strict-future-iat',
    hop: 'provider',
    description: 'The provider refuses a JWT issued in the future (no clock-skew tolerance)',
    breaks: ['JWT-EXPIRED'],
  },
  {
    id: 'provider-strict-unk-sds-ids',
    hop: 'provider',
    description: 'The provider refuses a practitioner whose SDS ids are UNK',
    breaks: ['JWT-PRACTITIONER-RESOURCE'],
  },
  {
    id: 'provider-strict-role-profile',
    hop: 'provider',
    description: 'The provider refuses a practitioner with no SDS role profile id',
    breaks: ['JWT-PRACTITIONER-RESOURCE'],
  },
  {
    id: 'provider-strict-ods-system',
    hop: 'provider',
    description: 'The provider refuses an organisation under the legacy ODS system',
    breaks: ['JWT-ORGANIZATION-RESOURCE'],
  },
] as const satisfies readonly FaultMode[];

/**
 * One lenient provider per Spine-edge rule: it skips exactly that rule. Generated from the rule tables so
 * a new rule gets its fault (and the lenient-modes meta-test proves some scenario catches it).
 */
export const LENIENT_FAULT_MODES: readonly FaultMode[] = [...EDGE_RULES, ...ANSWER_RULES].map((rule) => ({
  id: lenientFault(rule.id),
  hop: 'provider',
  description: `The provider skips ${rule.id}: ${rule.text}`,
  breaks: [rule.id],
}));

/**
 * One lenient SSP per SSP rule, generated from SSP_RULES: it skips that check, or for the provider leg
 * (502, 504) answers as a broken SSP would. The lenient-modes meta-test proves the rule's scenarios catch it.
 */
export const SSP_LENIENT_FAULT_MODES: readonly FaultMode[] = SSP_RULES.map((rule) => ({
  id: sspLenientFault(rule.id),
  hop: 'ssp',
  description: `The SSP ${'lenient' in rule ? rule.lenient : `skips ${rule.id}: ${rule.text}`}`,
  breaks: [rule.id],
}));

/** Every fault the simulators know: what --fault accepts and `gpc-assure help faults` lists. */
export const FAULT_MODES: readonly FaultMode[] = [
  ...WORKED_EXAMPLE_FAULTS,
  ...OVER_STRICT_FAULT_MODES,
  ...LENIENT_FAULT_MODES,
  ...SSP_LENIENT_FAULT_MODES,
];

/** The hand-written ids stay literal (a typo in `faults.has(…)` fails to compile); generated ones are lenient-*. */
export type FaultId =
  | (typeof WORKED_EXAMPLE_FAULTS)[number]['id']
  | OverStrictFaultId
  | ReturnType<typeof lenientFault>
  | ReturnType<typeof sspLenientFault>;
export type OverStrictFaultId = (typeof OVER_STRICT_FAULT_MODES)[number]['id'];

/** The switched-on faults of one simulator set (usually none, or one). */
export class Faults {
  private readonly on: Set<string>;
  constructor(ids: readonly string[] = []) {
    const known = new Set<string>(FAULT_MODES.map((f) => f.id));
    for (const id of ids)
      if (!known.has(id)) throw new Error(`unknown fault mode "${id}"; known: ${[...known].join(', ')}`);
    this.on = new Set(ids);
  }
  has(id: FaultId): boolean {
    return this.on.has(id);
  }
  get list(): string[] {
    return [...this.on];
  }
}

/** What --fault accepts: a simulator fault mode, or a transport fault (support/simulators/chaos.ts). */
export const isKnownFault = (id: string): boolean => FAULT_MODES.some((f) => f.id === id) || isTransportFault(id);
