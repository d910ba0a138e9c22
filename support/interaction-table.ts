/**
 * The one interaction table (GP Connect 'Interaction IDs' page). Request building, the simulators' routing and checks, the SDS
 * registry and the reports all read it (through support/interactions.ts, which adds the lookups and path
 * matching): add an interaction here and every layer knows about it.
 */

/** Which service root an interaction lives under (TOP-T11: AM and Foundations share one root). */
export type Capability = 'appointments' | 'structured' | 'documents';

export type Scope = 'patient/*.read' | 'patient/*.write' | 'organization/*.read';

export type Method = 'GET' | 'POST' | 'PUT';

export interface Interaction {
  /** Short, stable name used in Gherkin (`{interaction}`) and reports. */
  readonly name: string;
  readonly title: string;
  readonly group: 'Foundations' | 'Appointment Management' | 'Access Record Structured' | 'Access Document';
  readonly method: Method;
  /** Path under the service root; `{id}` marks a logical id. */
  readonly path: string;
  readonly interactionId: string;
  readonly scope: Scope;
  readonly capability: Capability;
  /** Resource type of a successful response body (Bundle for searches). */
  readonly responseType: string;
}

const GPC = 'urn:nhs:names:services:gpconnect';

export const INTERACTIONS = [
  // Foundations
  {
    name: 'read metadata',
    title: 'Read metadata',
    group: 'Foundations',
    method: 'GET',
    path: '/metadata',
    interactionId: `${GPC}:fhir:rest:read:metadata-1`,
    scope: 'organization/*.read',
    capability: 'appointments',
    responseType: 'CapabilityStatement',
  },
  {
    name: 'read patient',
    title: 'Read patient',
    group: 'Foundations',
    method: 'GET',
    path: '/Patient/{id}',
    interactionId: `${GPC}:fhir:rest:read:patient-1`,
    scope: 'patient/*.read',
    capability: 'appointments',
    responseType: 'Patient',
  },
  {
    name: 'find patient',
    title: 'Find patient',
    group: 'Foundations',
    method: 'GET',
    path: '/Patient',
    interactionId: `${GPC}:fhir:rest:search:patient-1`,
    scope: 'patient/*.read',
    capability: 'appointments',
    responseType: 'Bundle',
  },
  {
    name: 'read practitioner',
    title: 'Read practitioner',
    group: 'Foundations',
    method: 'GET',
    path: '/Practitioner/{id}',
    interactionId: `${GPC}:fhir:rest:read:practitioner-1`,
    scope: 'organization/*.read',
    capability: 'appointments',
    responseType: 'Practitioner',
  },
  {
    name: 'find practitioner',
    title: 'Find practitioner',
    group: 'Foundations',
    method: 'GET',
    path: '/Practitioner',
    interactionId: `${GPC}:fhir:rest:search:practitioner-1`,
    scope: 'organization/*.read',
    capability: 'appointments',
    responseType: 'Bundle',
  },
  {
    name: 'read organization',
    title: 'Read organisation',
    group: 'Foundations',
    method: 'GET',
    path: '/Organization/{id}',
    interactionId: `${GPC}:fhir:rest:read:organization-1`,
    scope: 'organization/*.read',
    capability: 'appointments',
    responseType: 'Organization',
  },
  {
    name: 'find organization',
    title: 'Find organisation',
    group: 'Foundations',
    method: 'GET',
    path: '/Organization',
    interactionId: `${GPC}:fhir:rest:search:organization-1`,
    scope: 'organization/*.read',
    capability: 'appointments',
    responseType: 'Bundle',
  },
  {
    name: 'read location',
    title: 'Read location',
    group: 'Foundations',
    method: 'GET',
    path: '/Location/{id}',
    interactionId: `${GPC}:fhir:rest:read:location-1`,
    scope: 'organization/*.read',
    capability: 'appointments',
    responseType: 'Location',
  },
  {
    name: 'register patient',
    title: 'Register patient',
    group: 'Foundations',
    method: 'POST',
    path: '/Patient/$gpc.registerpatient',
    interactionId: `${GPC}:fhir:operation:gpc.registerpatient-1`,
    scope: 'patient/*.write',
    capability: 'appointments',
    responseType: 'Bundle',
  },
  // Appointment Management
  {
    name: 'search free slots',
    title: 'Search for free slots',
    group: 'Appointment Management',
    method: 'GET',
    path: '/Slot',
    interactionId: `${GPC}:fhir:rest:search:slot-1`,
    scope: 'organization/*.read',
    capability: 'appointments',
    responseType: 'Bundle',
  },
  {
    name: 'read appointment',
    title: 'Read appointment',
    group: 'Appointment Management',
    method: 'GET',
    path: '/Appointment/{id}',
    interactionId: `${GPC}:fhir:rest:read:appointment-1`,
    scope: 'patient/*.read',
    capability: 'appointments',
    responseType: 'Appointment',
  },
  {
    name: 'book appointment',
    title: 'Book appointment',
    group: 'Appointment Management',
    method: 'POST',
    path: '/Appointment',
    interactionId: `${GPC}:fhir:rest:create:appointment-1`,
    scope: 'patient/*.write',
    capability: 'appointments',
    responseType: 'Appointment',
  },
  {
    name: 'amend appointment',
    title: 'Amend appointment',
    group: 'Appointment Management',
    method: 'PUT',
    path: '/Appointment/{id}',
    interactionId: `${GPC}:fhir:rest:update:appointment-1`,
    scope: 'patient/*.write',
    capability: 'appointments',
    responseType: 'Appointment',
  },
  {
    name: 'cancel appointment',
    title: 'Cancel appointment',
    group: 'Appointment Management',
    method: 'PUT',
    path: '/Appointment/{id}',
    interactionId: `${GPC}:fhir:rest:cancel:appointment-1`,
    scope: 'patient/*.write',
    capability: 'appointments',
    responseType: 'Appointment',
  },
  {
    name: "retrieve patient's appointments",
    title: "Retrieve a patient's appointments",
    group: 'Appointment Management',
    method: 'GET',
    path: '/Patient/{id}/Appointment',
    interactionId: `${GPC}:fhir:rest:search:patient_appointments-1`,
    scope: 'patient/*.read',
    capability: 'appointments',
    responseType: 'Bundle',
  },
  // Access Record Structured
  {
    name: 'get structured record',
    title: 'Get structured record',
    group: 'Access Record Structured',
    method: 'POST',
    path: '/Patient/$gpc.getstructuredrecord',
    interactionId: `${GPC}:fhir:operation:gpc.getstructuredrecord-1`,
    scope: 'patient/*.read',
    capability: 'structured',
    responseType: 'Bundle',
  },
  {
    name: 'migrate structured record',
    title: 'Migrate structured record',
    group: 'Access Record Structured',
    method: 'POST',
    path: '/Patient/$gpc.migratestructuredrecord',
    interactionId: `${GPC}:fhir:operation:gpc.migratestructuredrecord-1`,
    scope: 'patient/*.read',
    capability: 'structured',
    responseType: 'Bundle',
  },
  {
    name: 'read structured metadata',
    title: 'Read metadata (structured root)',
    group: 'Access Record Structured',
    method: 'GET',
    path: '/metadata',
    interactionId: `${GPC}:structured:fhir:rest:read:metadata-1`,
    scope: 'organization/*.read',
    capability: 'structured',
    responseType: 'CapabilityStatement',
  },
  // Access Document
  {
    name: 'read documents metadata',
    title: 'Read metadata (documents root)',
    group: 'Access Document',
    method: 'GET',
    path: '/metadata',
    interactionId: `${GPC}:documents:fhir:rest:read:metadata-1`,
    scope: 'organization/*.read',
    capability: 'documents',
    responseType: 'CapabilityStatement',
  },
  {
    name: 'search documents patient',
    title: 'Find patient (documents)',
    group: 'Access Document',
    method: 'GET',
    path: '/Patient',
    interactionId: `${GPC}:documents:fhir:rest:search:patient-1`,
    scope: 'patient/*.read',
    capability: 'documents',
    responseType: 'Bundle',
  },
  {
    name: 'search documents',
    title: 'Search documents',
    group: 'Access Document',
    method: 'GET',
    path: '/Patient/{id}/DocumentReference',
    interactionId: `${GPC}:documents:fhir:rest:search:documentreference-1`,
    scope: 'patient/*.read',
    capability: 'documents',
    responseType: 'Bundle',
  },
  {
    name: 'retrieve document',
    title: 'Retrieve document',
    group: 'Access Document',
    method: 'GET',
    path: '/Binary/{id}',
    interactionId: `${GPC}:documents:fhir:rest:read:binary-1`,
    scope: 'patient/*.read',
    capability: 'documents',
    responseType: 'Binary',
  },
  {
    name: 'migrate document',
    title: 'Migrate document',
    group: 'Access Document',
    method: 'GET',
    path: '/Binary/{id}',
    interactionId: `${GPC}:documents:fhir:rest:migrate:binary-1`,
    scope: 'patient/*.read',
    capability: 'documents',
    responseType: 'Binary',
  },
] as const satisfies readonly Interaction[];

export type InteractionName = (typeof INTERACTIONS)[number]['name'];
