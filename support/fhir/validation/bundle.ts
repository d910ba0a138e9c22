/**
 * Bundle-level rules on top of the element walk: a fullUrl that disagrees with its resource's id, duplicate
 * entries (a warning), and relative references that must
 * resolve to another entry of the same Bundle (in a free-slot search answer; elsewhere a dangling one is a
 * warning). What an entry of each Bundle type must and must not carry is bdl-2…bdl-5's, reported once there.
 */
import { referencedType } from './value-rules';
import type { Session } from './resource';

/**
 * References a free-slot search answer (a Bundle holding Slots: no other interaction returns them) must
 * resolve inside it, as AM-SLOT-INCLUDE states: `_include=Slot:schedule` is mandatory, and the Organization
 * managing a Location is always returned. No profile says the others must resolve (the `_include:recurse`
 * parameters are optional), so a dangling one is only a warning that says it is a heuristic.
 */
const SLOT_SEARCH_MUST_RESOLVE = new Set(['Slot.schedule', 'Location.managingOrganization']);

/** The Type/id a RESTful fullUrl names (…/Patient/2, maybe with /_history/n); urn:uuid: and others name none. */
const RESTFUL_FULL_URL = /\/([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;

type Entry = { fullUrl?: unknown; resource?: { resourceType?: unknown; id?: unknown } } & Record<string, unknown>;

export function checkBundle(
  session: Session,
  bundle: Record<string, unknown>,
  location: string,
  firstReference: number,
): void {
  const entries = (Array.isArray(bundle.entry) ? bundle.entry : []) as Entry[];
  const keys = new Set<string>();
  const types = new Set<string>();
  entries.forEach((entry, i) => {
    if (!entry || typeof entry !== 'object') return;
    const where = `${location}.entry[${i}]`;
    const { resourceType, id } = entry.resource ?? {};
    if (typeof resourceType !== 'string') return;
    types.add(resourceType);
    const key = `${resourceType}/${id}`;
    const named = typeof entry.fullUrl === 'string' ? RESTFUL_FULL_URL.exec(entry.fullUrl)?.[1] : undefined;
    if (id !== undefined && named && named !== key)
      bundleIssue(
        session,
        `${where}.resource.id`,
        `${key} disagrees with its fullUrl ${entry.fullUrl} (STU3 Bundle.entry.fullUrl SHALL NOT disagree with the resource's id)`,
      );
    // The same Type/id under two fullUrls may be two servers' resources; the same fullUrl twice is bdl-7's.
    if (id !== undefined && keys.has(key))
      bundleIssue(
        session,
        `${where}.resource.id`,
        `${key} appears twice in the Bundle (a heuristic: no rule forbids it under different fullUrls)`,
        'warning',
      );
    keys.add(key);
    if (typeof entry.fullUrl === 'string') keys.add(entry.fullUrl);
  });
  const slotSearch = types.has('Slot');
  for (const { reference, location: refLocation, elementPath } of session.references.slice(firstReference)) {
    const type = referencedType(reference);
    if (!type || keys.has(reference)) continue;
    if (slotSearch && SLOT_SEARCH_MUST_RESOLVE.has(elementPath)) {
      session.issues.push({
        severity: 'error',
        location: refLocation,
        rule: 'reference',
        message: `${reference} does not resolve to an entry of this free-slot search answer (facts §5.4: ${elementPath} is always included)`,
      });
    } else if (types.has(type)) {
      session.issues.push({
        severity: 'warning',
        location: refLocation,
        rule: 'reference',
        message: `${reference} does not resolve to an entry of this Bundle, which holds other ${type} resources (a heuristic: no profile rule requires it to)`,
      });
    }
  }
}

function bundleIssue(
  session: Session,
  location: string,
  message: string,
  severity: 'error' | 'warning' = 'error',
): void {
  session.issues.push({ severity, location, rule: 'bundle', message });
}
