/**
 * The worked example in depth (issue 5): the edge cases around each hop, from facts §5.1–§5.7 and the
 * provider-assurance oracles of §9. Merged into the catalogue of support/requirements.ts.
 */
import type { Requirement } from './requirements';

export const DEPTH_REQUIREMENTS: readonly Requirement[] = [
  // PDS trace (facts §5.1)
  {
    id: 'WE-1e',
    hop: 'pds',
    text: 'A restricted (sensitive) patient stops the journey: no GP Connect request is sent',
    source: 'facts §5.1',
  },
  {
    id: 'WE-1f',
    hop: 'pds',
    text: 'A superseded NHS number answers with the surviving record; the journey goes on with the surviving number',
    source: 'facts §5.1',
  },
  {
    id: 'WE-1g',
    hop: 'pds',
    text: 'PDS answers unknown 404 RESOURCE_NOT_FOUND, invalidated 404 INVALIDATED_RESOURCE, bad number 400 INVALID_RESOURCE_ID, missing X-Request-ID 400 MISSING_VALUE',
    source: 'facts §5.1',
  },
  {
    id: 'WE-1h',
    hop: 'pds',
    text: 'A deceased patient is flagged (deceasedDateTime) and the journey stops before GP Connect',
    source: 'facts §5.1, §5.8',
  },
  // Consumer-side: no simulator can break it, so it is no WE- requirement (the meta-test wants a fault per WE-*);
  // test/unit covers nhsNumberProblem itself.
  {
    id: 'CON-NHS-NUMBER',
    hop: 'pds',
    text: 'An NHS number failing the Modulus 11 check digit is refused before any request is sent',
    source: 'facts §5.1',
  },
  // SDS lookup (facts §5.2, §1)
  {
    id: 'WE-2e',
    hop: 'sds',
    text: 'SDS answers a search missing parameters 400, a path that is no resource 404, a method other than GET 405, an unservable Accept 406, each with a code of Spine-ErrorOrWarningCode',
    source: 'facts §5.2',
  },
  {
    id: 'WE-2g',
    hop: 'sds',
    text: "The Endpoint answers the query: managingOrganization is the ODS code asked for, the interaction asked for is among its interactions, its party key is that organisation's",
    source: 'facts §5.2',
  },
  {
    id: 'WE-2h',
    hop: 'sds',
    text: "The Device answers the query: owner is the ODS code asked for, the interaction asked for is among its interactions, its party key is the Endpoint's",
    source: 'facts §5.2',
  },
  {
    id: 'WE-2i',
    hop: 'sds',
    text: 'SDS matches interaction IDs exactly: part of an interaction ID finds no Endpoint',
    source: 'facts §5.2',
  },
  {
    id: 'WE-2f',
    hop: 'sds',
    text: "The Endpoint for an interaction is the root of that interaction's capability, not another's",
    source: 'facts §1, T11',
  },
  // Free slots (facts §5.4, PT oracles)
  {
    id: 'AM-SLOT-RANGE',
    hop: 'provider',
    text: 'Slot ranges of 0, 8 and 14 days are accepted; 15, 31 and -1 days answer 422 INVALID_PARAMETER',
    source: 'facts §5.4',
  },
  {
    id: 'AM-SLOT-PARAMS',
    hop: 'provider',
    text: 'Missing start/end/status answer 400; status other than free, prefixes other than ge/le, times without an offset or in Z answer 422',
    source: 'facts §5.4',
  },
  {
    id: 'AM-SLOT-FILTER',
    hop: 'provider',
    text: 'searchFilter by ODS code, organisation type, both or neither is accepted; unknown filter systems are ignored',
    source: 'facts §5.4',
  },
  {
    id: 'AM-SLOT-INCLUDE',
    hop: 'provider',
    text: 'Practitioner and Location only when asked for; the Organization always when slots are returned',
    source: 'facts §5.4',
  },
  {
    id: 'AM-SLOT-CONTENT',
    hop: 'provider',
    text: 'The slot Bundle holds only Slot, Schedule, Location, Practitioner and Organization, and every reference resolves inside it',
    source: 'facts §5.4',
  },
  {
    id: 'AM-SLOT-EMPTY',
    hop: 'provider',
    text: 'A range with no free slots answers 200 with an empty searchset',
    source: 'facts §5.4',
  },
  // Find patient (facts §5.5, PT oracles)
  {
    id: 'AM-PAT-HIDDEN',
    hop: 'provider',
    text: 'Find patient answers 200 with an empty searchset for unknown, deceased and restricted (sensitive) patients',
    source: 'facts §5.5',
  },
  {
    id: 'AM-PAT-PARAMS',
    hop: 'provider',
    text: 'Find patient without identifier, with Identifier or two identifiers answers 400; a blank or missing system or an empty value answers 422',
    source: 'facts §5.5',
  },
  // Book (facts §5.6, PT oracles)
  {
    id: 'AM-BOOK-INVALID',
    hop: 'provider',
    text: 'A booking missing start, end, status, slot or its Patient/Location participants, or carrying reason, unknown elements, absolute references or a booking organisation without name or telecom answers 422 INVALID_RESOURCE',
    source: 'facts §5.6',
  },
  {
    id: 'AM-BOOK-OPTIONAL',
    hop: 'provider',
    text: 'A booking without a Practitioner participant is accepted',
    source: 'facts §5.6',
  },
  {
    id: 'AM-BOOK-PREFER',
    hop: 'provider',
    text: 'Booking answers 201 with no body for Prefer: return=minimal and with the Appointment otherwise',
    source: 'facts §5.6',
  },
  {
    id: 'AM-BOOK-MULTI',
    hop: 'provider',
    text: 'A booking of adjacent slots of one schedule is accepted; slots that are not adjacent answer 422 INVALID_RESOURCE',
    source: 'facts §5.6',
  },
  {
    id: 'AM-BOOK-PAST',
    hop: 'provider',
    text: 'A past slot may be searched for, but booking it answers 422 INVALID_RESOURCE',
    source: 'facts §5.4, §5.6',
  },
  {
    id: 'AM-BOOK-VISIT',
    hop: 'provider',
    text: 'Booking a Visit slot answers 422 INVALID_RESOURCE',
    source: 'facts §5.4, §5.6',
  },
  {
    id: 'AM-BOOK-RACE',
    hop: 'provider',
    text: 'Of many concurrent bookings of one slot exactly one answers 201; the rest answer 409 DUPLICATE_REJECTED',
    source: 'facts §5.6',
  },
  // After booking (facts §5.7)
  {
    id: 'AM-LIFE-READ',
    hop: 'provider',
    text: 'Reading an appointment answers it with meta.versionId and the weak ETag of that version',
    source: 'facts §5.7',
  },
  {
    id: 'AM-LIFE-AMEND',
    hop: 'provider',
    text: 'Amend changes only description and comment, bumping the version; other changes answer 422 INVALID_RESOURCE',
    source: 'facts §5.7',
  },
  {
    id: 'AM-LIFE-ETAG',
    hop: 'provider',
    text: 'Amend and cancel with a stale If-Match answer 409',
    source: 'facts §5.7',
  },
  {
    id: 'AM-LIFE-CANCEL',
    hop: 'provider',
    text: 'Cancel sets status cancelled with the reason, bumps the version and frees the slot for booking again',
    source: 'facts §5.7',
  },
  {
    id: 'AM-LIFE-REASON',
    hop: 'provider',
    text: 'Cancel with an empty cancellation reason answers 422 INVALID_PARAMETER',
    source: 'facts §5.7',
  },
  {
    id: 'AM-LIFE-RETRIEVE',
    hop: 'provider',
    text: "Retrieving a patient's appointments with start=ge and start=le dates finds the booked one; a past range or one bound answers 422, an unknown patient 404",
    source: 'facts §5.7',
  },
  {
    id: 'AM-DEMOGRAPHICS',
    hop: 'provider',
    text: "The provider's Patient matches PDS on family name, given name, gender and birth date",
    source: 'facts §5.7',
  },
  // Foundations reads (facts §5.5, §6)
  {
    id: 'AM-FND-READ',
    hop: 'provider',
    text: 'Patient, Practitioner, Organization and Location reads answer the resource with a weak ETag of its versionId',
    source: 'facts §5.5, §6',
  },
  {
    id: 'AM-FND-NOTFOUND',
    hop: 'provider',
    text: 'Reads of unknown ids answer 404 with PATIENT_NOT_FOUND, PRACTITIONER_NOT_FOUND, ORGANISATION_NOT_FOUND or NO_RECORD_FOUND',
    source: 'facts §6',
  },
  {
    id: 'AM-FND-WRONG-INTERACTION',
    hop: 'provider',
    text: 'A Foundations read sent with the Ssp-InteractionID of another interaction answers 400 BAD_REQUEST',
    source: 'facts §6, §9, T12',
  },
  // Foundations searches (facts §4, §5.3: Practitioner and Organization search by identifier; Location is read only)
  {
    id: 'AM-FND-SEARCH',
    hop: 'provider',
    text: 'Find practitioner by SDS user id and find organisation by ODS code answer a searchset holding exactly that resource',
    source: 'facts §4, §5.3',
  },
  {
    id: 'AM-FND-SEARCH-EMPTY',
    hop: 'provider',
    text: 'Find practitioner and find organisation answer 200 with an empty searchset for an identifier nobody has',
    source: 'facts §5.5, §7',
  },
  {
    id: 'AM-FND-SEARCH-PARAMS',
    hop: 'provider',
    text: 'Find practitioner and find organisation answer 400 INVALID_IDENTIFIER_SYSTEM for an unknown identifier system and 400 BAD_REQUEST without an identifier',
    source: 'facts §5.5, §6',
  },
  // Register patient (facts §4, §5.7, §6)
  {
    id: 'AM-FND-REGISTER',
    hop: 'provider',
    text: 'Registering a patient PDS knows and the practice does not answers 200 with the Patient, who is then found by find patient',
    source: 'facts §4, §6',
  },
  {
    id: 'AM-FND-REG-DUPLICATE',
    hop: 'provider',
    text: 'Registering a patient the practice already has answers 409 DUPLICATE_REJECTED',
    source: 'facts §6',
  },
  {
    id: 'AM-FND-REG-NHS',
    hop: 'provider',
    text: 'Registering an NHS number failing its check digit answers 400 INVALID_NHS_NUMBER',
    source: 'facts §6',
  },
  {
    id: 'AM-FND-REG-PDS',
    hop: 'provider',
    text: 'Registering a patient PDS does not have, or has as deceased or restricted, or with other demographics, answers 400 INVALID_PATIENT_DEMOGRAPHICS',
    source: 'facts §5.1, §6',
  },
];
