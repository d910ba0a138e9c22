/**
 * Where each behaviour is written down, publicly. A catalogue record cites the facts sections it was drawn
 * from (/work/shared/spec/facts.md, which names its sources); this table maps each section to the public
 * page a maintainer can open, and publicSource() turns a citation into "URL (section)" entries, as
 * Inferno's requirement rows do. The GP Connect pages are the published 1.2.7 site; facts quotes the 1.2.9
 * source of the same pages (nhsconnect/gpconnect, feature/1.2.9), whose page names are the same.
 */
export interface SpecPage {
  url: string;
  section: string;
}

const GPC = 'https://developer.nhs.uk/apis/gpconnect-1-2-7';
const PDS = 'https://digital.nhs.uk/developer/api-catalogue/personal-demographics-service-fhir';
const SDS = 'https://digital.nhs.uk/developer/api-catalogue/spine-directory-service-fhir';
const PT = 'https://github.com/nhsconnect/gpconnect-provider-testing';
const FHIR_ASSETS = 'https://github.com/nhsconnect/gpconnect-fhir';

const gpc = (page: string, section: string): SpecPage => ({ url: `${GPC}/${page}.html`, section });
const SSP_PAGE = (section: string) => gpc('integration_spine_secure_proxy', section);
const TOPOLOGIES = (rule: string) => gpc('integration_system_topologies', `System topologies, rule ${rule}`);

/** Facts section (or topology rule) → the public pages it restates. */
export const SPEC_PAGES: Record<string, readonly SpecPage[]> = {
  '§1': [
    gpc('development_general_api_guidance', 'Service root URL'),
    gpc('integration_sds_registering_endpoints', 'Registering endpoints in SDS'),
  ],
  '§2.1': [SSP_PAGE('SSP URL construction')],
  '§2.2': [SSP_PAGE('Required request headers'), gpc('development_general_api_guidance', 'HTTP headers')],
  '§2.3': [SSP_PAGE('What the SSP checks')],
  '§2.4': [SSP_PAGE('SSP error responses'), gpc('development_fhir_error_handling_guidance', 'Spine errors')],
  '§2.5': [gpc('development_general_api_guidance', 'Content types, compression and caching')],
  '§3.1': [gpc('development_api_security_guidance', 'JSON Web Token')],
  '§3.2': [gpc('integration_cross_organisation_audit_and_provenance', 'JWT claims')],
  '§3.4': [{ url: PT, section: 'JWT.feature (NHS provider assurance oracles)' }],
  '§4': [gpc('integration_interaction_ids', 'Interaction IDs')],
  '§5': [
    gpc('appointments_use_case_book_an_appointment', 'Prerequisites'),
    gpc('integration_spine_directory_service', 'Spine Directory Service'),
  ],
  '§5.1': [{ url: `${PDS}#get-/Patient/-id-`, section: 'Get patient details' }],
  '§5.2': [
    { url: SDS, section: 'Endpoint and Device searches' },
    gpc('integration_spine_directory_service', 'Spine Directory Service lookups'),
  ],
  '§5.3': [gpc('foundations_use_case_get_the_fhir_capability_statement', 'Get the FHIR capability statement')],
  '§5.4': [gpc('appointments_use_case_search_for_free_slots', 'Search for free slots')],
  '§5.5': [gpc('foundations_use_case_find_a_patient', 'Find a patient')],
  '§5.6': [gpc('appointments_use_case_book_an_appointment', 'Book an appointment')],
  '§5.7': [
    gpc('appointments_use_case_amend_an_appointment', 'Amend an appointment'),
    gpc('appointments_use_case_cancel_an_appointment', 'Cancel an appointment'),
    gpc('appointments_use_case_retrieve_a_patients_appointments', "Retrieve a patient's appointments"),
  ],
  '§5.8': [gpc('accessrecord_structured_development_retrieve_patient_record', 'Retrieve a patient record')],
  '§6': [
    gpc('development_fhir_error_handling_guidance', 'Error handling'),
    gpc('foundations_use_case_read_a_practitioner', 'Read a practitioner'),
    gpc('foundations_use_case_register_a_patient', 'Register a patient'),
  ],
  '§7': [{ url: FHIR_ASSETS, section: 'GP Connect STU3 profiles (release/1.2.7)' }],
  '§8': [gpc('integration_system_topologies', 'System topologies')],
  '§9': [{ url: PT, section: 'NHS provider assurance suite' }],
  ...Object.fromEntries(
    Array.from({ length: 12 }, (_, i) => `T${i + 1}`).map((t) => [
      t,
      [TOPOLOGIES(t), gpc('integration_sds_registering_endpoints', 'Registering endpoints in SDS')],
    ]),
  ),
  T13: [gpc('integration_spine_directory_service', 'Two-step Endpoint and Device lookup')],
};

/** The facts keys a citation names: "facts §5.4, §5.6" → §5.4, §5.6; "§2.2, T12" → §2.2, T12. */
export const citedKeys = (citation: string): string[] => citation.match(/§[0-9.]*[0-9]|\bT1[0-3]\b|\bT[1-9]\b/g) ?? [];

/** The 1.6.2 Access Document pages a citation names by file (DOC-* records): their source on feature/1.6.2. */
const GPC_162_DOCUMENTS = 'https://github.com/nhsconnect/gpconnect/blob/feature/1.6.2/pages/access_documents';
const documentsPages = (citation: string): SpecPage[] =>
  [...citation.matchAll(/\b(access_documents_[a-z_]+)\.md(?: \(([^)]*)\))?/g)].map(([, page, section]) => ({
    url: `${GPC_162_DOCUMENTS}/${page}.md`,
    section: section ?? page,
  }));

/** The public pages behind a citation, once each, in the order cited. */
export function publicPages(citation: string): SpecPage[] {
  const pages = [...citedKeys(citation).flatMap((key) => SPEC_PAGES[key] ?? []), ...documentsPages(citation)];
  return pages.filter((p, i) => pages.findIndex((q) => q.url === p.url && q.section === p.section) === i);
}

/** "URL (section); URL (section) [facts §…]": what a report shows as a requirement's source. */
export function publicSource(citation: string): string {
  const pages = publicPages(citation)
    .map((p) => `${p.url} (${p.section})`)
    .join('; ');
  return pages ? `${pages} [${citation}]` : citation;
}
