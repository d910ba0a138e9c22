/**
 * What a root's CapabilityStatement must say (WE-3e–WE-3h, facts §5.3), as data: the operations each root
 * serves with the OperationDefinition it names, the profiles of the resources it serves, and the Slot
 * includes the slot search relies on. Each check returns a problem, or undefined; an absent or empty list
 * is a problem, never a pass.
 */
import { INTERACTIONS, type Capability, type Interaction } from '../interactions';
import { PROFILE } from '../spine/systems';
import { declaredVersionProblem } from '../versions';

type Json = Record<string, unknown>;
const OD = 'https://fhir.nhs.uk/STU3/OperationDefinition/';
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

/** Operation name → the OperationDefinition it is defined by; a `/_history/<version>` may follow. */
const OPERATION_DEFINITIONS: Record<string, string> = {
  'gpc.registerpatient': `${OD}GPConnect-RegisterPatient-Operation-1`,
  'gpc.getstructuredrecord': `${OD}GPConnect-GetStructuredRecord-Operation-1`,
  'gpc.migratestructuredrecord': `${OD}GPConnect-MigrateStructuredRecord-Operation-1`,
};

/** The operations a root serves: the `$name` paths of its rows in the interaction table. */
export const operationsServed = (capability: Capability) => [
  ...new Set(
    INTERACTIONS.filter((i) => i.capability === capability).flatMap((i) => /\/\$([\w.]+)$/.exec(i.path)?.[1] ?? []),
  ),
];

/** Profiles each root's CapabilityStatement must list (facts §5.3 template). */
export const PROFILES_LISTED: Partial<Record<Capability, readonly string[]>> = {
  appointments: [
    PROFILE.patient,
    PROFILE.organization,
    PROFILE.practitioner,
    PROFILE.location,
    PROFILE.operationOutcome,
    PROFILE.appointment,
    PROFILE.schedule,
    PROFILE.slot,
  ],
};

export const SLOT_INCLUDES = [
  'Slot:schedule',
  'Schedule:actor:Practitioner',
  'Schedule:actor:Location',
  'Location:managingOrganization',
] as const;

const rest = (cs: Json) => list(cs.rest)[0] ?? {};

export const versionProblem = (cs: Json, capability: Capability, assured: string) =>
  declaredVersionProblem(capability, assured, cs.version);

export function operationsProblem(cs: Json, capability: Capability): string | undefined {
  const declared = list(rest(cs).operation);
  const problems = operationsServed(capability).map((name) => {
    const op = declared.find((o) => o.name === name);
    if (!op)
      return `operation ${name} is not declared (declared: ${declared.map((o) => String(o.name)).join(', ') || 'none'})`;
    const reference = (op.definition as Json | undefined)?.reference;
    const wanted = OPERATION_DEFINITIONS[name] ?? `${OD}…`;
    return typeof reference === 'string' && new RegExp(`^${wanted}(/_history/\\d+\\.\\d+)?$`).test(reference)
      ? undefined
      : `operation ${name} has definition ${JSON.stringify(reference)}, expected ${wanted}[/_history/<version>]`;
  });
  return problems.filter(Boolean).join('; ') || undefined;
}

export function profilesProblem(cs: Json, capability: Capability): string | undefined {
  const listed = list(cs.profile).map((p) => String(p.reference));
  if (!listed.length) return 'profile[] is empty';
  const twice = listed.filter((p, i) => listed.indexOf(p) !== i);
  const missing = (PROFILES_LISTED[capability] ?? []).filter((p) => !listed.includes(p));
  return (
    [
      twice.length ? `listed more than once: ${[...new Set(twice)].join(', ')}` : '',
      missing.length ? `not listed: ${missing.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ') || undefined
  );
}

export function slotIncludesProblem(cs: Json): string | undefined {
  const slot = list(rest(cs).resource).find((r) => r.type === 'Slot');
  if (!slot) return 'no Slot resource is declared';
  const includes = Array.isArray(slot.searchInclude) ? (slot.searchInclude as unknown[]) : [];
  const missing = SLOT_INCLUDES.filter((i) => !includes.includes(i));
  return missing.length
    ? `Slot.searchInclude lacks ${missing.join(', ')} (has ${JSON.stringify(includes)})`
    : undefined;
}

/** The REST interaction an interaction-table row is declared as: an operation, or a resource type and code. */
function declaredAs(i: Interaction): { operation: string } | { type: string; code: string } | undefined {
  const operation = /\/\$([\w.]+)$/.exec(i.path)?.[1];
  if (operation) return { operation };
  const compartment = /^\/\w+\/\{id\}\/(\w+)$/.exec(i.path);
  if (compartment) return { type: compartment[1], code: 'search-type' };
  const instance = /^\/(\w+)\/\{id\}$/.exec(i.path);
  if (instance) return { type: instance[1], code: i.method === 'PUT' ? 'update' : 'read' };
  const type = /^\/(\w+)$/.exec(i.path);
  return type ? { type: type[1], code: i.method === 'POST' ? 'create' : 'search-type' } : undefined;
}

/** Whether the CapabilityStatement declares the interaction (its operation, or its resource's interaction code). */
export function advertises(cs: Json, i: Interaction): boolean {
  const d = declaredAs(i);
  if (!d) return true;
  if ('operation' in d) return list(rest(cs).operation).some((o) => o.name === d.operation);
  const resource = list(rest(cs).resource).find((r) => r.type === d.type);
  return list(resource?.interaction).some((x) => x.code === d.code);
}
