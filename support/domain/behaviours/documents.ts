/**
 * Access Document in provider mode (issue 15): the journey to the documents root and what its search and
 * retrieve answers must be, from the GP Connect 1.6.2 Access Document pages named in each citation
 * (nhsconnect/gpconnect, feature/1.6.2, pages/access_documents/), with facts §1 (service roots) and §4
 * (interaction IDs).
 */
import type { Behaviour } from '../behaviour';

const PAGES = 'GPC-1.6.2 pages/access_documents/';
const SEARCH = `${PAGES}access_documents_development_search_patient_documents.md`;
const RETRIEVE = `${PAGES}access_documents_development_retrieve_patient_documents.md`;
const DOCREF = `${PAGES}access_documents_development_documentreference.md`;
const GUIDANCE = `${PAGES}access_documents_development_documents_guidance.md`;

export const DOCUMENTS = [
  {
    id: 'DOC-SDS',
    actor: 'sds',
    hop: 'sds',
    text: 'The documents root and ASID come from their own SDS lookup (the search documents interaction), under /gpconnect/documents (T11)',
    facts: `facts §1, §4; ${SEARCH} (Prerequisites)`,
    checkedBy: 'scenario',
  },
  {
    id: 'DOC-METADATA',
    actor: 'provider',
    hop: 'provider',
    text: "The documents root's CapabilityStatement is STU3, declares a version on the assured documents line and lists the DocumentReference search parameters (created, facility, author, type, description)",
    facts: `facts §0, §5.3; ${PAGES}access_documents_use_case_get_the_fhir_capability_statement.md; ${SEARCH} (Search parameters)`,
    checkedBy: 'scenario',
  },
  {
    id: 'DOC-PATIENT',
    actor: 'provider',
    hop: 'provider',
    text: 'Find patient on the documents root answers a searchset of exactly one Patient carrying the NHS number asked for',
    facts: `facts §5.5; ${PAGES}access_documents_use_case_find_a_patient.md`,
    checkedBy: 'scenario',
  },
  {
    id: 'DOC-SEARCH',
    actor: 'provider',
    hop: 'provider',
    text: 'Search documents answers a searchset of CareConnect-GPC-DocumentReference-1 resources, each status current, about the patient searched for, with the included Patient and Organizations',
    facts: `${SEARCH} (Payload response body); ${DOCREF} (meta.profile, status, subject)`,
    checkedBy: 'scenario',
  },
  {
    id: 'DOC-ATTACHMENT',
    actor: 'provider',
    hop: 'provider',
    text: 'Each DocumentReference gives its file size and MIME type; an available document has the full URL of its Binary on the documents root, one over 5 MB is a placeholder with no URL and a title saying why',
    facts: `${DOCREF} (content.attachment.url, size, title, contentType); ${GUIDANCE} (File size of the document)`,
    checkedBy: 'scenario',
  },
  {
    id: 'DOC-FILTER',
    actor: 'provider',
    hop: 'provider',
    text: 'The created (ge/le), type, facility and author parameters filter: no DocumentReference returned falls outside them, and one inside them is returned',
    facts: `${SEARCH} (Search parameters)`,
    checkedBy: 'scenario',
  },
  {
    id: 'DOC-INCLUDES',
    actor: 'provider',
    hop: 'provider',
    text: 'A search without the mandatory _include parameters is refused 422 INVALID_PARAMETER',
    facts: `facts §6; ${SEARCH} (Error handling)`,
    answers: [{ status: 422, code: 'INVALID_PARAMETER' }],
    checkedBy: 'scenario',
  },
  {
    id: 'DOC-AUTHOR-ODS',
    actor: 'provider',
    hop: 'provider',
    text: 'An author parameter whose identifier is not an ODS code is refused 422 INVALID_PARAMETER',
    facts: `facts §6; ${SEARCH} (Error handling)`,
    answers: [{ status: 422, code: 'INVALID_PARAMETER' }],
    checkedBy: 'scenario',
  },
  {
    id: 'DOC-NOT-FOUND',
    actor: 'provider',
    hop: 'provider',
    text: 'A search for a patient id the practice does not know, or for a patient it holds as inactive, is refused 404 PATIENT_NOT_FOUND',
    facts: `facts §6; ${SEARCH} (Error handling)`,
    answers: [{ status: 404, code: 'PATIENT_NOT_FOUND' }],
    checkedBy: 'scenario',
  },
  {
    id: 'DOC-BINARY',
    actor: 'provider',
    hop: 'provider',
    text: "Retrieve document answers a Binary with a versionId whose contentType is the DocumentReference's and whose decoded content has the size it gave",
    facts: `${RETRIEVE} (Payload response body); ${PAGES}access_documents_development_binary.md`,
    checkedBy: 'scenario',
  },
  {
    id: 'DOC-BINARY-NOT-FOUND',
    actor: 'provider',
    hop: 'provider',
    text: "A Binary id the practice does not have (unknown, another practice's patient's, or a placeholder's) is refused 404 NO_RECORD_FOUND",
    facts: `facts §6; ${RETRIEVE} (Error handling)`,
    answers: [{ status: 404, code: 'NO_RECORD_FOUND' }],
    checkedBy: 'scenario',
  },
  {
    id: 'DOC-T11',
    actor: 'provider',
    hop: 'provider',
    text: 'The appointments and structured roots do not serve Access Document: search documents sent there is refused',
    facts: 'facts §1, §8 (T11)',
    checkedBy: 'scenario',
  },
  {
    id: 'DOC-JWT-1.6',
    actor: 'provider',
    hop: 'provider',
    text: 'The documents root applies the 1.6 JWT rules: requested_scope "patient/*.read conf/N" is accepted, and reason_for_request migration on migrate document but not on retrieve document',
    facts: `facts §3.2, §3.3; ${RETRIEVE}`,
    checkedBy: 'scenario',
  },
] as const satisfies readonly Behaviour[];

/** What a documents consumer owes (consumer mode, `gpc-assure consumer`): judged on its recorded requests. */
export const DOCUMENTS_CONSUMER = [
  {
    id: 'CON-DOC-SEARCH',
    actor: 'consumer',
    hop: 'ssp',
    text: 'A search documents request carries the mandatory _include and _revinclude parameters, created only as ge/le dates, and an author only as an ODS code',
    facts: `${SEARCH} (_include parameters, created)`,
    checkedBy: 'consumer-rule',
  },
] as const satisfies readonly Behaviour[];
