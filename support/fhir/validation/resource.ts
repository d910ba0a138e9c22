/**
 * One STU3 resource: picks the structure to validate against (explicit profile, meta.profile, the
 * expectation for its type, else the STU3 base), walks it, and resolves `#id` references to contained
 * resources. Nested resources (contained, Bundle entries) come back through the same session.
 */
import { baseStructure, profileStructure } from './artefacts';
import { checkInvariants, walkObject, type ResourceScope, type WalkHooks } from './walker';
import type { Structure, ValidationIssue } from './types';
import type { ProfileSet } from '../../versions';

export interface CollectedReference {
  reference: string;
  location: string;
  elementPath: string;
}

/** State shared by every resource of one validate() call. */
export interface Session {
  issues: ValidationIssue[];
  expectedProfiles: Record<string, string>;
  /** Relative references met anywhere, for the Bundle to resolve. */
  references: CollectedReference[];
  /** The profile set every resource of this call is held to; default gpconnect-1.2.7. */
  profileSet?: ProfileSet;
}

function issue(
  session: Session,
  location: string,
  rule: 'profile' | 'type' | 'reference',
  message: string,
  severity: 'error' | 'warning' = 'error',
): void {
  session.issues.push({ severity, location, rule, message });
}

/** The profile a resource claims or is expected to meet; reports a profile it claims but we do not ship. */
function chooseStructure(
  session: Session,
  resource: Record<string, unknown>,
  type: string,
  location: string,
  explicitProfile?: string,
): Structure | undefined {
  if (explicitProfile) {
    const structure = profileStructure(explicitProfile, session.profileSet);
    if (!structure) issue(session, location, 'profile', `no compiled profile for ${explicitProfile}`);
    return structure;
  }
  const claimed = ((resource.meta as { profile?: unknown } | undefined)?.profile ?? []) as unknown[];
  const shipped = claimed
    .map((url) => (typeof url === 'string' ? profileStructure(url, session.profileSet) : undefined))
    .find(Boolean);
  if (shipped) return shipped;
  if (claimed.length > 0)
    issue(
      session,
      `${location}.meta.profile`,
      'profile',
      `no compiled profile for ${claimed.join(', ')}; validated against the STU3 base ${type}`,
      'warning',
    );
  const expected = session.expectedProfiles[type];
  const structure = (expected ? profileStructure(expected, session.profileSet) : undefined) ?? baseStructure(type);
  // Outside Appointment Management/Foundations (e.g. ARS clinical resources) nothing ships to check against:
  // said once as a warning rather than failing a payload for the validator's own scope.
  if (!structure)
    issue(
      session,
      `${location}.resourceType`,
      'profile',
      `${type} is outside the compiled definitions; not checked`,
      'warning',
    );
  return structure;
}

export function validateResource(
  session: Session,
  resource: unknown,
  location: string,
  explicitProfile?: string,
): void {
  if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) {
    issue(session, location, 'type', 'a resource must be a JSON object');
    return;
  }
  const node = resource as Record<string, unknown>;
  const type = node.resourceType;
  if (typeof type !== 'string') {
    issue(session, location, 'type', 'resourceType is missing');
    return;
  }
  const structure = chooseStructure(session, node, type, location, explicitProfile);
  if (!structure) return;
  if (structure.type !== type) {
    issue(
      session,
      `${location}.resourceType`,
      'profile',
      `${structure.url ?? structure.type} is a profile on ${structure.type}, not ${type}`,
    );
    return;
  }
  const localReferences: CollectedReference[] = [];
  const hooks: WalkHooks = {
    onResource: (nested, nestedLocation) => validateResource(session, nested, nestedLocation),
    onReference: (reference, refLocation, elementPath) =>
      (reference.startsWith('#') ? localReferences : session.references).push({
        reference,
        location: refLocation,
        elementPath,
      }),
  };
  const scope: ResourceScope = { structure, issues: session.issues, hooks, profileSet: session.profileSet };
  const root = structure.elements[structure.type];
  if (root) checkInvariants(scope, structure, structure.type, root, node, location);
  walkObject(scope, node, structure, structure.type, location, true);
  resolveContained(session, node, location, localReferences);
}

/** ref-1: every `#id` names a contained resource; dom-3: every contained resource is so named. */
function resolveContained(
  session: Session,
  node: Record<string, unknown>,
  location: string,
  references: CollectedReference[],
): void {
  const containedIds = (Array.isArray(node.contained) ? node.contained : []).map((c: { id?: string }) => `#${c?.id}`);
  if (references.length === 0 && containedIds.length === 0) return;
  const ids = new Set(containedIds);
  for (const { reference, location: at } of references) {
    if (!ids.has(reference)) issue(session, at, 'reference', `${reference} names no contained resource`);
  }
  const referenced = new Set(references.map((r) => r.reference));
  containedIds.forEach((id, i) => {
    if (!referenced.has(id)) {
      session.issues.push({
        severity: 'error',
        location: `${location}.contained[${i}]`,
        rule: 'invariant:dom-3',
        message: `contained resource ${id} is not referenced from elsewhere in the resource`,
      });
    }
  });
}
