/**
 * Bundle-level rules on top of the element walk: per Bundle type, what an entry must and must not carry,
 * duplicate entries, and relative references that must resolve to another entry of the same Bundle.
 */
import { referencedType } from './value-rules';
import type { Session } from './resource';

interface BundleTypeRule {
  entryNeedsResource: boolean;
  forbiddenInEntry: string[];
}

/** STU3 Bundle.type semantics the harness relies on (bdl-* invariants cover the rest). */
const BUNDLE_TYPE_RULES: Record<string, BundleTypeRule> = {
  searchset: { entryNeedsResource: true, forbiddenInEntry: ['request', 'response'] },
  collection: { entryNeedsResource: true, forbiddenInEntry: ['search', 'request', 'response'] },
};

/**
 * References that must resolve inside the Bundle even when no resource of the target type was returned:
 * `_include=Slot:schedule` is mandatory in a slot search (facts §5.4). Others must resolve when their
 * target type is present at all, since the `_include:recurse` parameters are optional.
 */
const MUST_RESOLVE = new Set(['Slot.schedule']);

type Entry = { fullUrl?: unknown; resource?: { resourceType?: unknown; id?: unknown } } & Record<string, unknown>;

export function checkBundle(
  session: Session,
  bundle: Record<string, unknown>,
  location: string,
  firstReference: number,
): void {
  const entries = (Array.isArray(bundle.entry) ? bundle.entry : []) as Entry[];
  const rule = BUNDLE_TYPE_RULES[String(bundle.type)];
  const keys = new Set<string>();
  const types = new Set<string>();
  entries.forEach((entry, i) => {
    if (!entry || typeof entry !== 'object') return;
    const where = `${location}.entry[${i}]`;
    for (const key of rule?.forbiddenInEntry ?? []) {
      if (entry[key] !== undefined)
        bundleIssue(session, `${where}.${key}`, `a ${bundle.type} Bundle entry must not carry ${key}`);
    }
    if (rule?.entryNeedsResource && !entry.resource)
      bundleIssue(session, where, `a ${bundle.type} Bundle entry needs a resource`);
    const { resourceType, id } = entry.resource ?? {};
    if (typeof resourceType !== 'string') return;
    types.add(resourceType);
    const key = `${resourceType}/${id}`;
    if (id !== undefined && keys.has(key))
      bundleIssue(session, `${where}.resource.id`, `${key} appears twice in the Bundle`);
    keys.add(key);
    if (typeof entry.fullUrl === 'string') keys.add(entry.fullUrl);
  });
  for (const { reference, location: refLocation, elementPath } of session.references.slice(firstReference)) {
    const type = referencedType(reference);
    if (!type || keys.has(reference)) continue;
    if (MUST_RESOLVE.has(elementPath) || types.has(type)) {
      session.issues.push({
        severity: 'error',
        location: refLocation,
        rule: 'reference',
        message: `${reference} does not resolve to an entry of this Bundle`,
      });
    }
  }
}

function bundleIssue(session: Session, location: string, message: string): void {
  session.issues.push({ severity: 'error', location, rule: 'bundle', message });
}
