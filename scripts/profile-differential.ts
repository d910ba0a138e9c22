/**
 * Builds a profile's snapshot from its differential and the STU3 core definitions, for the profiles
 * published only as XML (scripts/profile-inputs/: hand transcriptions of the published differential, each
 * with its provenance). The snapshot rules followed are the ones the transcribed differentials need: an
 * element of the base resource is constrained in place; a path below it is reached by expanding the
 * element's datatype (its core snapshot, re-rooted); a slice starts as a copy of the sliced element.
 */
type Json = Record<string, any>;

/** What a differential element states that the compiled artefact keeps (the texts are left out). */
const CONSTRAINING_KEYS = (key: string) =>
  ['min', 'max', 'type', 'binding', 'slicing', 'sliceName', 'constraint'].includes(key) ||
  key.startsWith('fixed') ||
  key.startsWith('pattern');

/** `A.b:slice.c` → `A.b:slice`; `A.b:slice` → `A`. */
const parentOf = (id: string) => id.slice(0, id.lastIndexOf('.'));
/** `A.b:slice` → `A.b` (the element a slice copies); an id with no slice in its last part is itself. */
const unslicedOf = (id: string) => id.replace(/:[^.:]+$/, '');

export function applyDifferential(
  differential: Json,
  baseSnapshot: Json[],
  coreTypeSnapshot: (type: string) => Json[] | undefined,
): Json[] {
  const elements = new Map<string, Json>(baseSnapshot.map((e) => [e.id ?? e.path, structuredClone(e)]));
  // Each element as it was before the differential constrained it: a slice starts from this, not from the
  // constrained sliced element (a 1..* identifier does not make each of its slices 1..*).
  const unconstrained = new Map<string, Json>([...elements].map(([id, e]) => [id, structuredClone(e)]));
  const hasChildren = (id: string) => [...elements.keys()].some((k) => k.startsWith(`${id}.`));

  function ensure(id: string): Json {
    const found = elements.get(id);
    if (found) return found;
    const unsliced = unslicedOf(id);
    if (unsliced !== id) {
      // A slice: a copy of the sliced element (its own children are expanded from its type when named).
      ensure(unsliced);
      const slice: Json = {
        ...structuredClone(unconstrained.get(unsliced)!),
        id,
        sliceName: id.slice(unsliced.length + 1),
      };
      delete slice.slicing;
      unconstrained.set(id, structuredClone(slice));
      elements.set(id, slice);
      return slice;
    }
    const parentId = parentOf(id);
    const parent = ensure(parentId);
    if (!hasChildren(parentId)) expand(parentId, parent);
    const child = elements.get(id);
    if (!child) throw new Error(`${id}: not an element of ${parentId}'s type`);
    return child;
  }

  function expand(id: string, element: Json): void {
    const types = [...new Set(((element.type ?? []) as Json[]).map((t) => t.code as string))];
    if (types.length !== 1) throw new Error(`${id}: cannot expand an element of types ${types.join(', ')}`);
    const snapshot = coreTypeSnapshot(types[0]!);
    if (!snapshot) throw new Error(`${id}: no core definition of ${types[0]}`);
    const path = element.path as string;
    for (const typeElement of snapshot.slice(1)) {
      const suffix = (typeElement.id as string).slice(types[0]!.length);
      elements.set(`${id}${suffix}`, {
        ...structuredClone(typeElement),
        id: `${id}${suffix}`,
        path: `${path}${suffix}`,
      });
    }
  }

  for (const diff of differential.element as Json[]) {
    const element = ensure(diff.id);
    // JSON arrays follow the base cardinality (compactElement): keep it before the profile narrows max.
    element.base ??= { path: element.path, min: element.min, max: element.max };
    for (const [key, value] of Object.entries(diff)) if (CONSTRAINING_KEYS(key)) element[key] = structuredClone(value);
  }
  return [...elements.values()];
}
