/**
 * NHS's SpecFlow provider suite (nhsconnect/gpconnect-provider-testing), its Appointments and Foundations
 * scenario groups, against the gpc-assure requirements that cover each. An assessor who knows the suite
 * asks "what do you cover of it, and what not"; this table is the answer, and `npm run coverage:pt`
 * prints it. A unit test keeps it true: every ID must be in the catalogue, and (when ../shared is there)
 * every group of the mapped TSV must be here.
 *
 * One line per group: `PT feature | group | Y/P/N | requirement IDs | reason`. The reason says why a group
 * is not fully covered: WRITE_FORMAT and TRANSPORT name the parts of issue 16 items 1 and 3 still open (the
 * format precedence on writes; provider-side transport), any other text says what is missing.
 */
import { isRequirementId, type RequirementId } from './catalogue';

export type SuiteCapability = 'Appointments' | 'Foundations';
export type SuiteCoverage = 'Y' | 'P' | 'N';

export interface SuiteGroup {
  capability: SuiteCapability;
  /** The suite's feature file name, e.g. AppointmentBook. */
  feature: string;
  group: string;
  coverage: SuiteCoverage;
  covers: readonly RequirementId[];
  /** Why the group is not fully covered; required unless coverage is Y. */
  reason?: string;
}

const REASONS: Readonly<Record<string, string>> = {
  WRITE_FORMAT:
    'issue 16 item 1: on this write, _format xml over an Accept of JSON is served as FHIR XML and an unsupported _format is refused with 415 (08-format-matrix.feature); the rest of the precedence (Accept alone, Content-Type, the JSON default) is probed on every read and search, not on a write, which cannot be repeated unchanged',
  TRANSPORT:
    'issue 16 item 3: the embedded provider has an HTTPS mode (TLS 1.2, mutual auth, the cipher list; unit-tested), but no scenario probes a target provider endpoint yet',
};

const TABLE = `
// Appointments
SearchForFreeSlots | slot search success | Y | WE-4a AM-SLOT-RANGE
SearchForFreeSlots | slot date range > 14 days / negative | Y | AM-SLOT-RANGE
SearchForFreeSlots | slot missing start/end/status | Y | AM-SLOT-PARAMS
SearchForFreeSlots | slot search prefixes | P | AM-SLOT-PARAMS | the gt/ne/lt prefixes are probed; the remaining prefixes and an unknown prefix are not
SearchForFreeSlots | slot invalid param values | P | AM-SLOT-PARAMS | busy status and time-zone offsets are probed; the suite's other invalid values are not
SearchForFreeSlots | slot searchFilter org type/code | P | AM-SLOT-FILTER | five searchFilter rows are probed; the suite's full matrix is not
SearchForFreeSlots | slot partial dateTime | N |  | no scenario sends a partial dateTime (year, year-month) on slot search
SearchForFreeSlots | slot resource content | Y | WE-4b WE-4d AM-SLOT-CONTENT
SearchForFreeSlots | content negotiation per interaction | Y | FMT-NEGOTIATE FMT-415
SearchForFreeSlots | slot _include Schedule/Practitioner/Location | Y | WE-4c AM-SLOT-INCLUDE
SearchForFreeSlots | CapabilityStatement declares the operation | Y | AM-CS-DECLARES
SearchForFreeSlots | caching headers (no-store) per interaction | Y | FMT-NO-STORE WE-3b
SearchForFreeSlots | serviceCategory/serviceType (1.2.7) | N |  | no check that the 1.2.7 serviceCategory and serviceType survive this interaction
AppointmentBook | book success | Y | WE-6a WE-6b
AppointmentBook | book with optional/extra elements | P | AM-BOOK-INVALID AM-BOOK-OPTIONAL | the reason and an unknown element are probed; the suite's other optional elements are not
AppointmentBook | 1.2.x Appointment extensions round-trip | Y | AM-APPT-EXTENSIONS
AppointmentBook | book invalid resource (422) | P | AM-BOOK-INVALID | twelve invalid bookings are probed; the suite has more variants
AppointmentBook | unknown URL / invalid endpoint | N |  | no scenario sends an unknown URL to the provider itself (the SSP rejects it first)
AppointmentBook | content negotiation per interaction | P | FMT-NEGOTIATE FMT-415 | WRITE_FORMAT
AppointmentBook | Prefer return=minimal/representation | Y | AM-BOOK-PREFER
AppointmentBook | book without practitioner | Y | AM-BOOK-OPTIONAL
AppointmentBook | CapabilityStatement declares the operation | Y | AM-CS-DECLARES
AppointmentBook | caching headers (no-store) per interaction | Y | FMT-NO-STORE WE-3b
AppointmentBook | book slot twice | Y | WE-6c
AppointmentBook | serviceCategory/serviceType (1.2.7) | Y | AM-APPT-SERVICE
AppointmentAmend | amend success | Y | AM-LIFE-AMEND
AppointmentAmend | 1.2.x Appointment extensions round-trip | Y | AM-APPT-EXTENSIONS
AppointmentAmend | amend non-amendable element | Y | AM-LIFE-AMEND
AppointmentAmend | content negotiation per interaction | P | FMT-NEGOTIATE FMT-415 | WRITE_FORMAT
AppointmentAmend | Prefer return=minimal/representation | N |  | Prefer is probed on book only
AppointmentAmend | ETag / If-Match | Y | AM-LIFE-ETAG
AppointmentAmend | amend invalid resource | Y | AM-LIFE-AMEND-INVALID
AppointmentAmend | CapabilityStatement declares the operation | Y | AM-CS-DECLARES
AppointmentAmend | caching headers (no-store) per interaction | Y | FMT-NO-STORE WE-3b
AppointmentAmend | amend cancellation reason | Y | AM-LIFE-AMEND
AppointmentAmend | amend comment/description | Y | AM-LIFE-AMEND
AppointmentAmend | amend with absolute references | Y | AM-LIFE-AMEND
AppointmentAmend | serviceCategory/serviceType (1.2.7) | Y | AM-APPT-SERVICE
AppointmentCancel | cancel success | Y | AM-LIFE-CANCEL
AppointmentCancel | 1.2.x Appointment extensions round-trip | Y | AM-APPT-EXTENSIONS
AppointmentCancel | cancel changing other elements (422) | Y | AM-LIFE-CANCEL-ONLY
AppointmentCancel | content negotiation per interaction | P | FMT-NEGOTIATE FMT-415 | WRITE_FORMAT
AppointmentCancel | cancel reason checks | P | AM-LIFE-REASON | the empty reason is probed; the suite's other reason cases are not
AppointmentCancel | ETag / If-Match | Y | AM-LIFE-ETAG FMT-ETAG
AppointmentCancel | Prefer return=minimal/representation | N |  | Prefer is probed on book only
AppointmentCancel | CapabilityStatement declares the operation | Y | AM-CS-DECLARES
AppointmentCancel | caching headers (no-store) per interaction | Y | FMT-NO-STORE WE-3b
AppointmentCancel | cancel with absolute references | Y | AM-LIFE-CANCEL-ONLY
AppointmentCancel | serviceCategory/serviceType (1.2.7) | Y | AM-APPT-SERVICE
AppointmentRead | read appointment success | Y | AM-LIFE-READ
AppointmentRead | 1.2.x Appointment extensions round-trip | Y | AM-APPT-EXTENSIONS
AppointmentRead | JWT scope/org per interaction | Y | JWT-SCOPE-MATCH
AppointmentRead | read appointment unknown id | Y | AM-LIFE-READ-UNKNOWN
AppointmentRead | content negotiation per interaction | Y | FMT-NEGOTIATE FMT-415
AppointmentRead | caching headers (no-store) per interaction | Y | FMT-NO-STORE WE-3b
AppointmentRead | CapabilityStatement declares the operation | Y | AM-CS-DECLARES
AppointmentRead | serviceCategory/serviceType (1.2.7) | Y | AM-APPT-SERVICE
AppointmentRetrieve | retrieve success | P | AM-LIFE-RETRIEVE | retrieve is checked with one appointment, not the suite's several
AppointmentRetrieve | 1.2.x Appointment extensions round-trip | Y | AM-APPT-EXTENSIONS
AppointmentRetrieve | retrieve unknown patient | Y | AM-LIFE-RETRIEVE
AppointmentRetrieve | content negotiation per interaction | Y | FMT-NEGOTIATE FMT-415
AppointmentRetrieve | retrieve date-range parameter errors | P | AM-LIFE-RETRIEVE | three date-range rows are probed; the suite has 22
AppointmentRetrieve | JWT scope/org per interaction | Y | JWT-SCOPE-MATCH
AppointmentRetrieve | retrieve extra params ignored | N |  | no scenario sends extra parameters to retrieve
AppointmentRetrieve | CapabilityStatement declares the operation | Y | AM-CS-DECLARES
AppointmentRetrieve | caching headers (no-store) per interaction | Y | FMT-NO-STORE WE-3b
AppointmentRetrieve | serviceCategory/serviceType (1.2.7) | Y | AM-APPT-SERVICE

// Foundations
FHIR | metadata read | Y | WE-3a
FHIR | CapabilityStatement formats | Y | WE-3b
FHIR | CapabilityStatement software/version | Y | AM-CS-SOFTWARE
FHIR | CapabilityStatement declares the operation | Y | AM-CS-DECLARES
FHIR | content negotiation on metadata | Y | FMT-NEGOTIATE
FHIR | gzip | Y | FMT-GZIP
Http | unknown URL / invalid endpoint | N |  | no scenario sends an unknown URL to the provider itself (the SSP rejects it first)
Http | HTTP method not allowed | P | SSP-METHOD | method-not-allowed is probed at the SSP only, not on the provider itself
Http | URL case sensitivity | P | SSP-URL | changed URL case is probed at the SSP only, not on the provider itself
JWT | JWT not base64url | Y | JWT-BEARER
JWT | JWT claim missing | Y | JWT-ISS JWT-AUD JWT-EXP JWT-IAT JWT-REASON JWT-SCOPE JWT-DEVICE JWT-PRACTITIONER
JWT | JWT lifetime != 300 | Y | JWT-LIFETIME
JWT | JWT clock skew / expired | Y | JWT-EXPIRED
JWT | JWT requesting_* wrong resource | Y | JWT-DEVICE-RESOURCE JWT-PRACTITIONER-RESOURCE JWT-ORGANIZATION-RESOURCE
JWT | JWT UNK / minimal practitioner accepted | Y | JWT-PRACTITIONER-RESOURCE
JWT | JWT scope wrong for metadata | Y | JWT-SCOPE-MATCH
JWT | JWT legacy ODS system accepted | Y | JWT-ORGANIZATION-RESOURCE
JWT | JWT well-formed accepted | Y | JWT-LIFETIME
SSP | SSP plain HTTP refused | N |  | TRANSPORT
SSP | SSP client cert valid | P |  | TRANSPORT
SSP | SSP client cert invalid (FQDN/CA/revoked/expired/missing) | P |  | TRANSPORT
SSP | SSP cipher suites | P |  | TRANSPORT
SSP | SSP CORS | N |  | TRANSPORT
SSP | SSP wrong Ssp-To | Y | HDR-TO-ASID SSP-PARTYKEY
Security | provider plain HTTP refused | N |  | TRANSPORT
Security | provider-side client cert checks | N |  | TRANSPORT
Security | provider cipher suites | N |  | TRANSPORT
PatientSearch | find patient success content | Y | WE-5a WE-5b WE-5c
PatientSearch | find patient parameter errors | Y | AM-PAT-PARAMS
PatientSearch | find patient hidden/unknown → empty | P | AM-PAT-HIDDEN | unknown, deceased and restricted patients are probed; an inactive one is not
PatientSearch | content negotiation per interaction | Y | FMT-NEGOTIATE FMT-415
PatientSearch | CapabilityStatement declares the operation | Y | AM-CS-DECLARES
PatientSearch | _count/_sort ignored | Y | AM-FND-SEARCH-IGNORED
PatientSearch | caching headers (no-store) per interaction | Y | FMT-NO-STORE WE-3b
PatientSearch | no-consent patient | N |  | no scenario uses a patient who has not consented to share
PatientRead | read patient unknown id | Y | AM-FND-NOTFOUND
PatientRead | content negotiation per interaction | Y | FMT-NEGOTIATE FMT-415
PatientRead | read patient success content | Y | AM-FND-READ
PatientRead | ETag / If-Match | Y | AM-FND-READ
PatientRead | CapabilityStatement declares the operation | Y | AM-CS-DECLARES
PatientRead | caching headers (no-store) per interaction | Y | FMT-NO-STORE WE-3b
PatientRead | no-consent patient | N |  | no scenario uses a patient who has not consented to share
PatientRegister | unknown URL / invalid endpoint | N |  | no scenario sends an unknown URL to the provider itself (the SSP rejects it first)
PatientRegister | register payload validation (identifier/gender/dob/names/address/telecom/nhsCommunication/additional elements) | Y | AM-FND-REG-PAYLOAD AM-FND-REG-PROFILE
PatientRegister | register invalid NHS number | Y | AM-FND-REG-NHS
PatientRegister | content negotiation per interaction | P | FMT-NEGOTIATE | the format rules are probed on every Appointment Management and Foundations interaction but register patient, which the matrix leaves out (its well-formed request must register a new patient in every scenario)
PatientRegister | register duplicate | Y | AM-FND-REG-DUPLICATE
PatientRegister | register temporary patient | Y | AM-FND-REG-TEMPORARY
PatientRegister | register vs PDS | Y | AM-FND-REG-PDS
PatientRegister | JWT scope/org per interaction | P | JWT-SCOPE-MATCH | the edge matrix (features/spine-edge/06-edge-matrix.feature) leaves out register patient, which needs a new patient per probe
PatientRegister | caching headers (no-store) per interaction | P | FMT-NO-STORE WE-3b | the edge matrix (features/spine-edge/06-edge-matrix.feature) leaves out register patient, which needs a new patient per probe
PatientRegister | register success | Y | AM-FND-REGISTER
PractitionerRead | read practitioner success | Y | AM-FND-READ
PractitionerRead | read practitioner unknown id | Y | AM-FND-NOTFOUND
PractitionerRead | content negotiation per interaction | Y | FMT-NEGOTIATE FMT-415
PractitionerRead | CapabilityStatement declares the operation | Y | AM-CS-DECLARES
PractitionerRead | ETag / If-Match | Y | AM-FND-READ
PractitionerRead | caching headers (no-store) per interaction | Y | FMT-NO-STORE WE-3b
PractitionerSearch | find practitioner success | Y | AM-FND-SEARCH
PractitionerSearch | find practitioner parameter errors | P | AM-FND-SEARCH-PARAMS | two parameter-error rows are probed; the suite has more
PractitionerSearch | content negotiation per interaction | Y | FMT-NEGOTIATE FMT-415
PractitionerSearch | _count/_sort ignored | Y | AM-FND-SEARCH-IGNORED
PractitionerSearch | CapabilityStatement declares the operation | Y | AM-CS-DECLARES
PractitionerSearch | caching headers (no-store) per interaction | Y | FMT-NO-STORE WE-3b
PractitionerSearch | find practitioner empty | Y | AM-FND-SEARCH-EMPTY
OrganizationRead | read organisation success | Y | AM-FND-READ
OrganizationRead | read organisation unknown id | Y | AM-FND-NOTFOUND
OrganizationRead | content negotiation per interaction | Y | FMT-NEGOTIATE FMT-415
OrganizationRead | CapabilityStatement declares the operation | Y | AM-CS-DECLARES
OrganizationRead | caching headers (no-store) per interaction | Y | FMT-NO-STORE WE-3b
OrganizationSearch | find organisation success | Y | AM-FND-SEARCH
OrganizationSearch | find organisation no identifier | Y | AM-FND-SEARCH-PARAMS
OrganizationSearch | content negotiation per interaction | Y | FMT-NEGOTIATE FMT-415
OrganizationSearch | CapabilityStatement declares the operation | Y | AM-CS-DECLARES
OrganizationSearch | _count/_sort ignored | Y | AM-FND-SEARCH-IGNORED
OrganizationSearch | caching headers (no-store) per interaction | Y | FMT-NO-STORE WE-3b
LocationRead | read location success | Y | AM-FND-READ
LocationRead | read location unknown id | Y | AM-FND-NOTFOUND
LocationRead | content negotiation per interaction | Y | FMT-NEGOTIATE FMT-415
LocationRead | CapabilityStatement declares the operation | Y | AM-CS-DECLARES
LocationRead | ETag / If-Match | Y | AM-FND-READ
LocationRead | caching headers (no-store) per interaction | Y | FMT-NO-STORE WE-3b
`;

function parseLine(capability: SuiteCapability, line: string): SuiteGroup {
  const [feature, group, coverage, ids, reason] = line.split(' | ').map((cell) => cell.trim());
  if (!feature || !group || !['Y', 'P', 'N'].includes(coverage ?? '')) {
    throw new Error(`provider-suite-map: malformed line "${line}"`);
  }
  if (coverage !== 'Y' && !reason) throw new Error(`provider-suite-map: "${group}" is ${coverage} without a reason`);
  const covers = (ids ?? '').split(/\s+/).filter(Boolean);
  const unknown = covers.filter((id) => !isRequirementId(id));
  if (unknown.length > 0) throw new Error(`provider-suite-map: "${group}" names unknown IDs ${unknown.join(', ')}`);
  return {
    capability,
    feature,
    group,
    coverage: coverage as SuiteCoverage,
    covers: covers as RequirementId[],
    ...(reason ? { reason: REASONS[reason] ?? reason } : {}),
  };
}

function parseTable(table: string): SuiteGroup[] {
  const groups: SuiteGroup[] = [];
  let capability: SuiteCapability | undefined;
  for (const line of table.split('\n').filter((l) => l.trim() !== '')) {
    const heading = /^\/\/ (Appointments|Foundations)$/.exec(line.trim());
    if (heading) capability = heading[1] as SuiteCapability;
    else if (!capability) throw new Error('provider-suite-map: a line before any capability heading');
    else groups.push(parseLine(capability, line));
  }
  return groups;
}

export const PROVIDER_SUITE_GROUPS: readonly SuiteGroup[] = parseTable(TABLE);
