/** The provider faults of the worked example in depth (support/requirements-depth.ts, 'Search for free slots' to 'Amend / Cancel / Retrieve appointments', 'GP Connect STU3 profiles'). */
import { SYS } from '../../spine/systems';
import { PEOPLE } from '../fixtures/people';
import { without, withoutResources, type FaultMode } from '../fault-points';
import type { SimResponse } from '../http-kit';
import { GpcError, invalidParameter, invalidResource } from '../provider/outcomes';
import { ALL_RECURSE } from '../provider/slots';
import { SPINE } from '../../domain/spine-codes';

const refuse = (err: GpcError): never => {
  throw err;
};
const withEtag = (answer: SimResponse, etag: string): SimResponse => ({
  ...answer,
  headers: { ...answer.headers, ETag: etag },
});
/** Only the over-strict filter fault reads these: a conformant provider ignores filter systems it does not know. */
const KNOWN_FILTER_SYSTEMS = [SYS.odsOrg, 'https://fhir.nhs.uk/STU3/CodeSystem/GPConnect-OrganisationType-1'];
/** A read is GET /{type}/{id}. */
const isRead = (c: { interaction: { method: string; path: string } }) =>
  c.interaction.method === 'GET' && c.interaction.path.endsWith('/{id}');

export const PROVIDER_DEPTH_FAULTS = [
  {
    id: 'provider-slots-unchecked-params',
    hop: 'provider',
    description: 'The slot search ignores its parameter rules and the 14-day window',
    breaks: ['AM-SLOT-RANGE', 'AM-SLOT-PARAMS'],
    effects: { 'provider.duties': without('check slot search parameters') },
  },
  {
    id: 'provider-slots-7-day-limit',
    hop: 'provider',
    description: 'The slot search refuses ranges over 7 days',
    breaks: ['AM-SLOT-RANGE'],
    effects: { 'provider.slot-search-max-days': () => 7 },
  },
  {
    id: 'provider-slots-strict-filter',
    hop: 'provider',
    description: 'The slot search refuses searchFilter systems it does not know',
    breaks: ['AM-SLOT-FILTER'],
    effects: {
      'provider.slot-search-query': (q) =>
        q.getAll('searchFilter').every((f) => KNOWN_FILTER_SYSTEMS.some((sys) => f.startsWith(`${sys}|`)))
          ? q
          : refuse(invalidParameter(`unknown searchFilter system in ${q.getAll('searchFilter').join(', ')}`)),
    },
  },
  {
    id: 'provider-slots-include-everything',
    hop: 'provider',
    description: 'The slot search includes Practitioner and Location whether asked or not',
    breaks: ['AM-SLOT-INCLUDE'],
    effects: { 'provider.slot-search-includes': () => new Set(ALL_RECURSE) },
  },
  {
    id: 'provider-slots-no-organization',
    hop: 'provider',
    description: 'The slot search leaves the Organization out, so Location.managingOrganization dangles',
    breaks: ['AM-SLOT-INCLUDE', 'AM-SLOT-CONTENT'],
    effects: { 'provider.slot-resources': withoutResources('Organization') },
  },
  {
    id: 'provider-book-lenient-body',
    hop: 'provider',
    description: 'Booking skips the body rules: mandatory elements, forbidden ones, participants, booking organisation',
    breaks: ['AM-BOOK-INVALID'],
    effects: { 'provider.duties': without('check the booking body') },
  },
  {
    id: 'provider-book-requires-practitioner',
    hop: 'provider',
    description: 'Booking refuses an Appointment with no Practitioner participant',
    breaks: ['AM-BOOK-OPTIONAL'],
    effects: { 'provider.booking-actors': (actors) => [...actors, 'Practitioner'] },
  },
  {
    id: 'provider-book-ignores-prefer',
    hop: 'provider',
    description: 'Booking returns the body even when Prefer: return=minimal',
    breaks: ['AM-BOOK-PREFER'],
    effects: { 'provider.booking-prefer': () => '' },
  },
  {
    id: 'provider-lifecycle-ignores-etag',
    hop: 'provider',
    description: 'Amend and cancel accept any If-Match, stale or missing',
    breaks: ['AM-LIFE-ETAG'],
    effects: { 'provider.duties': without('check If-Match') },
  },
  {
    id: 'provider-amend-anything',
    hop: 'provider',
    description: 'Amend accepts changes to any element, not only description and comment',
    breaks: ['AM-LIFE-AMEND'],
    effects: { 'provider.duties': without('amend only description and comment') },
  },
  {
    id: 'provider-cancel-keeps-slots',
    hop: 'provider',
    description: 'A cancelled appointment keeps its slots busy',
    breaks: ['AM-LIFE-CANCEL'],
    effects: { 'provider.duties': without('free the slots of a cancelled appointment') },
  },
  {
    id: 'provider-read-stale-version',
    hop: 'provider',
    description: 'Reading an appointment answers an ETag that is not its versionId',
    breaks: ['AM-LIFE-READ'],
    // The version the read reports lags behind.
    effects: { 'provider.appointment-read': (answer) => withEtag(answer, 'W/"0"') },
  },
  {
    id: 'provider-cancel-without-reason',
    hop: 'provider',
    description: 'Cancel accepts an empty cancellation reason',
    breaks: ['AM-LIFE-REASON'],
    effects: { 'provider.duties': without('require a cancellation reason') },
  },
  {
    id: 'provider-appointments-unchecked',
    hop: 'provider',
    description: "Retrieving a patient's appointments accepts any range and any patient id",
    breaks: ['AM-LIFE-RETRIEVE'],
    effects: { 'provider.duties': without('check the appointment range', 'check the patient exists') },
  },
  {
    id: 'provider-appointments-empty',
    hop: 'provider',
    description: "Retrieving a patient's appointments finds none",
    breaks: ['AM-LIFE-RETRIEVE'],
    effects: { 'provider.patient-appointments': () => [] },
  },
  {
    id: 'provider-patient-wrong-birthdate',
    hop: 'provider',
    description: 'Find patient returns a birthDate that differs from PDS',
    breaks: ['AM-DEMOGRAPHICS'],
    // The practice's record disagrees with PDS by a day.
    effects: {
      'provider.patients': (patients) =>
        patients.map((p) => ({
          ...p,
          birthDate: String(p.birthDate).replace(/\d\d$/, (d) => String((Number(d) % 28) + 1).padStart(2, '0')),
        })),
    },
  },
  {
    id: 'provider-read-strong-etag',
    hop: 'provider',
    description: 'Foundations reads answer a strong ETag, not W/"<versionId>"',
    breaks: ['AM-FND-READ'],
    effects: {
      'provider.resource-read': (answer) =>
        withEtag(answer, `"${(answer.body as { meta?: { versionId?: string } }).meta?.versionId ?? '1'}"`),
    },
  },
  {
    id: 'provider-read-unknown-as-500',
    hop: 'provider',
    description: 'Foundations reads of an unknown id answer 500, not 404',
    breaks: ['AM-FND-NOTFOUND'],
    // The provider falls over on an id it does not have.
    effects: { 'provider.read-not-found': (err) => new GpcError(500, SPINE.INTERNAL_SERVER_ERROR, err.message) },
  },
  {
    id: 'provider-book-any-slots',
    hop: 'provider',
    description: 'Booking accepts several slots that are not adjacent',
    breaks: ['AM-BOOK-MULTI'],
    effects: { 'provider.duties': without('book only adjacent slots of one schedule and channel') },
  },
  {
    id: 'provider-book-single-slot',
    hop: 'provider',
    description: 'Booking refuses every multi-slot Appointment',
    breaks: ['AM-BOOK-MULTI'],
    effects: {
      'provider.booking-slots': (slots) =>
        slots.length > 1 ? refuse(invalidResource('this provider books one slot at a time')) : slots,
    },
  },
  {
    id: 'provider-patient-finds-everyone',
    hop: 'provider',
    description: 'Find patient returns restricted and deceased patients too',
    breaks: ['AM-PAT-HIDDEN'],
    effects: {
      'provider.patient-found': (_found, { ods, nhsNumber }) =>
        PEOPLE.find((p) => p.nhsNumber === nhsNumber && p.gpOds === ods),
    },
  },
  {
    id: 'provider-patient-lenient-identifier',
    hop: 'provider',
    description: 'Find patient accepts any spelling, count, system or value of identifier',
    breaks: ['AM-PAT-PARAMS'],
    effects: { 'provider.duties': without('check the patient identifier') },
  },
  // On the embedded practice today has no slots, so the 0-day range is empty too.
  {
    id: 'provider-slots-empty-404',
    hop: 'provider',
    description: 'The slot search answers 404 when no slot is free in the range',
    breaks: ['AM-SLOT-EMPTY', 'AM-SLOT-RANGE'],
    effects: {
      'provider.slot-resources': (resources) =>
        resources.some((r) => r.resourceType === 'Slot')
          ? resources
          : refuse(new GpcError(404, SPINE.NO_RECORD_FOUND, 'no free slots in the range')),
    },
  },
  {
    id: 'provider-book-past-slot',
    hop: 'provider',
    description: 'Booking accepts a slot that has already started',
    breaks: ['AM-BOOK-PAST'],
    effects: { 'provider.duties': without('refuse slots that have started') },
  },
  {
    id: 'provider-book-visit-slot',
    hop: 'provider',
    description: 'Booking accepts a Visit slot',
    breaks: ['AM-BOOK-VISIT'],
    effects: { 'provider.duties': without('refuse unbookable delivery channels') },
  },
  {
    id: 'provider-register-forgets',
    hop: 'provider',
    description: 'Register patient answers the Patient but does not keep the registration',
    breaks: ['AM-FND-REGISTER'],
    effects: { 'provider.duties': without('keep the registration') },
  },
  {
    id: 'provider-register-twice',
    hop: 'provider',
    description: 'Register patient registers a patient the practice already has',
    breaks: ['AM-FND-REG-DUPLICATE'],
    effects: { 'provider.duties': without('refuse a duplicate registration') },
  },
  {
    id: 'provider-register-unchecked',
    hop: 'provider',
    description: 'Register patient checks neither the NHS number nor PDS',
    breaks: ['AM-FND-REG-NHS', 'AM-FND-REG-PDS'],
    effects: { 'provider.duties': without('check the NHS number to register', 'check the patient on PDS') },
  },
  {
    id: 'provider-find-foundations-empty',
    hop: 'provider',
    description: 'Find practitioner and find organisation find nothing',
    breaks: ['AM-FND-SEARCH'],
    effects: { 'provider.found-resources': () => [] },
  },
  {
    id: 'provider-find-unknown-404',
    hop: 'provider',
    description: 'Find practitioner and find organisation answer 404 for an identifier they do not know',
    breaks: ['AM-FND-SEARCH-EMPTY'],
    // An identifier nobody has is treated as an error rather than no match.
    effects: {
      'provider.found-resources': (found, { type, system, value }) =>
        found.length
          ? found
          : refuse(new GpcError(404, SPINE.NO_RECORD_FOUND, `no ${type} with identifier ${system}|${value}`)),
    },
  },
  {
    id: 'provider-find-lenient-identifier',
    hop: 'provider',
    description: 'Find practitioner and find organisation accept any identifier system, or none',
    breaks: ['AM-FND-SEARCH-PARAMS'],
    effects: { 'provider.duties': without('check the search identifier') },
  },
  {
    id: 'provider-reads-any-interaction',
    hop: 'provider',
    description: 'Foundations reads are served whatever Ssp-InteractionID names',
    breaks: ['AM-FND-WRONG-INTERACTION'],
    effects: {
      'provider.edge-rules': (rules, { candidates }) =>
        candidates.every(isRead) ? rules.filter((r) => r.id !== 'HDR-INTERACTION-MATCH') : rules,
    },
  },
] as const satisfies readonly FaultMode[];
