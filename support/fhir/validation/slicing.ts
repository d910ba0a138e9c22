/**
 * Slices: which slice each repeated value belongs to (by the discriminator values the slice fixes, e.g.
 * `identifier.system` or `extension.url`), then each slice's own cardinality and closed-slicing rules.
 */
import { report, type ResourceScope } from './scope';
import type { Structure } from './types';

function valueAt(node: unknown, path: string): unknown {
  let current = node;
  for (const part of path.split('.')) current = (current as Record<string, unknown> | undefined)?.[part];
  return current;
}

/** The value a slice requires at a discriminator path: a fixed/pattern child, or the extension profile URL. */
function discriminatorValue(structure: Structure, sliceId: string, path: string): unknown {
  const child = structure.elements[`${sliceId}.${path}`];
  if (child?.fixed !== undefined) return child.fixed;
  if (child?.pattern !== undefined) return child.pattern;
  if (path === 'url') return structure.elements[sliceId]?.profiles?.[0];
  return undefined;
}

/** Returns, per value, the slice element id it matched (undefined when none). */
export function matchSlices(
  scope: ResourceScope,
  structure: Structure,
  slicedId: string,
  values: unknown[],
  location: string,
  multiple: boolean,
): Array<string | undefined> {
  const itemLocation = (i: number) => (multiple ? `${location}[${i}]` : location);
  const sliceIds = structure.slices.get(slicedId) ?? [];
  const discriminator = structure.elements[slicedId]?.slicing?.discriminator ?? ['url'];
  const wanted = sliceIds.map((id) => discriminator.map((path) => discriminatorValue(structure, id, path)));
  const matched = values.map((value) =>
    sliceIds.find((_, s) =>
      wanted[s]!.every((expected, d) => expected !== undefined && valueAt(value, discriminator[d]!) === expected),
    ),
  );
  sliceIds.forEach((sliceId) => {
    const element = structure.elements[sliceId]!;
    const count = matched.filter((m) => m === sliceId).length;
    const max = element.max === '*' ? Infinity : Number(element.max);
    if (count < element.min || count > max) {
      const where = count > 0 ? itemLocation(matched.lastIndexOf(sliceId)) : location;
      report(
        scope,
        where,
        'slice',
        `slice ${element.sliceName} of ${slicedId.replace(/:[^.]+/g, '')} needs ${element.min}..${element.max}, found ${count}`,
        sliceId,
        structure,
      );
    }
  });
  if (structure.elements[slicedId]?.slicing?.rules === 'closed') {
    matched.forEach((m, i) => {
      if (!m)
        report(scope, itemLocation(i), 'slice', `value matches no slice of closed ${slicedId}`, slicedId, structure);
    });
  }
  return matched;
}
