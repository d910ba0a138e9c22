/**
 * The CapabilityStatement served at each root's /metadata ('Get the FHIR capability statement'). Which resources and interactions
 * it declares is derived from the interaction table, so a row added there shows up here; only what the
 * table cannot say (search parameters, includes, operation definitions) is listed below.
 */
import { INTERACTIONS, type Capability, type Interaction } from '../../interactions';
import { FHIR_JSON, PROFILE } from '../../spine/systems';
import type { ProviderContext } from './context';
import { DOCUMENT_REFERENCE_PROFILE } from './documents';
import { DOCUMENT_SEARCH_PARAMETERS, MANDATORY_INCLUDES } from '../../gpconnect/document-query';
import { DEFAULT_SPEC_VERSIONS, type SpecVersions } from '../../versions';

/**
 * The spec version each root implements, and so declares as CapabilityStatement.version: exactly what the
 * embedded target file declares under specVersions (WE-3e is equality). The published 1.2.9 template itself
 * still says 1.2.7; this provider says what it is assured as.
 */
export const EMBEDDED_SPEC_VERSIONS: Readonly<SpecVersions> = DEFAULT_SPEC_VERSIONS;

const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';
const OD = 'https://fhir.nhs.uk/STU3/OperationDefinition/';

const OPERATION_DEFINITIONS: Record<string, string> = {
  'gpc.registerpatient': `${OD}GPConnect-RegisterPatient-Operation-1`,
  'gpc.getstructuredrecord': `${OD}GPConnect-GetStructuredRecord-Operation-1/_history/1.16`,
  'gpc.migratestructuredrecord': `${OD}GPConnect-MigrateStructuredRecord-Operation-1/_history/1.1`,
};

const token = (name: string, documentation?: string) => ({
  name,
  type: 'token',
  ...(documentation ? { documentation } : {}),
});

/** Per resource type: what the template adds beside the interaction codes ('Get the FHIR capability statement'). */
const RESOURCE_DETAILS: Record<string, Record<string, unknown>> = {
  Patient: { searchParam: [token('identifier', 'NHS Number (i.e. https://fhir.nhs.uk/Id/nhs-number|123456789)')] },
  Organization: {
    searchParam: [token('identifier', 'ODS Code (i.e. https://fhir.nhs.uk/Id/ods-organization-code|Y12345)')],
  },
  Practitioner: { searchParam: [token('identifier', 'SDS User Id (i.e. https://fhir.nhs.uk/Id/sds-user-id|999999)')] },
  Appointment: {
    updateCreate: false,
    searchParam: [token('identifier', 'NHS Number (i.e. https://fhir.nhs.uk/Id/nhs-number|123456789)')],
  },
  // The search page: its parameters MUST be in the Access Document CapabilityStatement (DOC-METADATA).
  DocumentReference: {
    searchInclude: MANDATORY_INCLUDES.filter(([name]) => name === '_include').map(([, value]) => value),
    searchRevInclude: MANDATORY_INCLUDES.filter(([name]) => name !== '_include').map(([, value]) => value),
    searchParam: DOCUMENT_SEARCH_PARAMETERS.map((name) => ({
      name,
      type: { created: 'date', description: 'string', author: 'reference' }[name as string] ?? 'token',
    })),
  },
  Slot: {
    searchInclude: [
      'Schedule:actor:Location',
      'Schedule:actor:Practitioner',
      'Slot:schedule',
      'Location:managingOrganization',
    ],
    searchParam: [
      { name: 'start', type: 'date' },
      { name: 'end', type: 'date' },
      token('status'),
      token('searchFilter'),
    ],
  },
};

/** What each root says about itself: the spec version it implements and the profiles it uses. */
const ROOT_DETAILS: Record<Capability, { name: string; profiles: string[] }> = {
  appointments: {
    name: 'GP Connect',
    profiles: [
      PROFILE.patient,
      PROFILE.organization,
      PROFILE.practitioner,
      `${SD}CareConnect-GPC-PractitionerRole-1`,
      PROFILE.location,
      PROFILE.operationOutcome,
      PROFILE.appointment,
      PROFILE.schedule,
      PROFILE.slot,
    ],
  },
  structured: {
    name: 'GP Connect API - Access Record Structured',
    profiles: [
      PROFILE.patient,
      PROFILE.organization,
      PROFILE.practitioner,
      `${SD}CareConnect-GPC-PractitionerRole-1`,
      `${SD}GPConnect-StructuredRecord-Bundle-1`,
      PROFILE.operationOutcome,
    ],
  },
  documents: {
    name: 'GP Connect API - Access Document',
    profiles: [
      PROFILE.patient,
      PROFILE.organization,
      PROFILE.practitioner,
      `${SD}CareConnect-GPC-PractitionerRole-1`,
      DOCUMENT_REFERENCE_PROFILE,
      PROFILE.searchsetBundle,
      PROFILE.operationOutcome,
    ],
  },
};

type Declared = { kind: 'interaction'; type: string; code: string } | { kind: 'operation'; name: string };

/** Path shapes of the table → FHIR REST interaction codes (read, search-type, create, update, operation). */
const PATH_SHAPES: { pattern: RegExp; declare: (m: RegExpExecArray, i: Interaction) => Declared | undefined }[] = [
  { pattern: /^\/metadata$/, declare: () => undefined },
  { pattern: /^\/\w+\/\$([\w.]+)$/, declare: (m) => ({ kind: 'operation', name: m[1] }) },
  {
    pattern: /^\/(\w+)$/,
    declare: (m, i) => ({ kind: 'interaction', type: m[1], code: i.method === 'POST' ? 'create' : 'search-type' }),
  },
  {
    pattern: /^\/(\w+)\/\{id\}$/,
    declare: (m, i) => ({ kind: 'interaction', type: m[1], code: i.method === 'PUT' ? 'update' : 'read' }),
  },
  // A compartment search (/Patient/{id}/Appointment) is declared as a search on the inner type.
  { pattern: /^\/\w+\/\{id\}\/(\w+)$/, declare: (m) => ({ kind: 'interaction', type: m[1], code: 'search-type' }) },
];

function declare(i: Interaction): Declared | undefined {
  for (const shape of PATH_SHAPES) {
    const m = shape.pattern.exec(i.path);
    if (m) return shape.declare(m, i);
  }
  return undefined;
}

function restOf(capability: Capability) {
  const resources = new Map<string, Set<string>>();
  const operations = new Set<string>();
  for (const i of INTERACTIONS.filter((x) => x.capability === capability)) {
    const d = declare(i);
    if (d?.kind === 'operation') operations.add(d.name);
    else if (d) resources.set(d.type, (resources.get(d.type) ?? new Set()).add(d.code));
  }
  return {
    mode: 'server',
    security: { cors: true },
    resource: [...resources].map(([type, codes]) => ({
      type,
      interaction: [...codes].map((code) => ({ code })),
      ...RESOURCE_DETAILS[type],
    })),
    operation: [...operations].map((name) => ({
      name,
      definition: { reference: OPERATION_DEFINITIONS[name] ?? `${OD}${name}` },
    })),
  };
}

const SOFTWARE = { name: 'gpc-assure embedded provider', version: '0.1.0', releaseDate: '2025-01-01' };

export function capabilityStatement(ctx: ProviderContext, capability: keyof typeof ROOT_DETAILS) {
  const root = ROOT_DETAILS[capability];
  const version = EMBEDDED_SPEC_VERSIONS[capability];
  const honest = {
    resourceType: 'CapabilityStatement',
    version,
    name: root.name,
    status: 'active',
    date: SOFTWARE.releaseDate,
    publisher: 'gpc-assure',
    description: `This server implements the ${root.name} API version ${version}`,
    kind: 'capability',
    software: SOFTWARE,
    fhirVersion: '3.0.1',
    acceptUnknown: 'both',
    format: [FHIR_JSON, 'application/fhir+xml'],
    profile: root.profiles.map((reference) => ({ reference })),
    rest: [restOf(capability)],
  };
  return ctx.faults.apply('provider.capability-statement', honest, undefined);
}
