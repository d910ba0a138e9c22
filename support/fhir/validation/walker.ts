/**
 * Walks one STU3 resource against a compiled structure: unknown elements, JSON shape, cardinality,
 * slices, then per value its type, fixed/pattern, required binding, references and invariants.
 */
import { baseStructure, isPrimitive, profileStructure } from './artefacts';
import { checkBinding, checkFixedAndPattern, checkReferenceTarget } from './value-rules';
import { invariantFails } from './invariants';
import { primitiveProblem } from './primitives';
import { matchSlices } from './slicing';
import { report, type ResourceScope } from './scope';
import type { CompiledElement, Structure } from './types';

export type { ResourceScope, WalkHooks } from './scope';

/** Invariants only worth evaluating when the node has this key (dom-1..4 are all about `contained`). */
const INVARIANT_PRECONDITION: Record<string, string> = {
  'dom-1': 'contained',
  'dom-2': 'contained',
  'dom-3': 'contained',
  'dom-4': 'contained',
};

const elementPath = (id: string) => id.replace(/:[^.]+/g, '');
const capitalised = (type: string) => type[0]!.toUpperCase() + type.slice(1);

/** The child element (and, for `value[x]`, the chosen type) that a JSON key names. */
function resolveChild(structure: Structure, parentId: string, key: string): { id: string; type?: string } | undefined {
  const children = structure.children.get(parentId);
  const direct = children?.get(key);
  if (direct) return { id: direct };
  for (const [name, id] of children ?? []) {
    if (!name.endsWith('[x]') || !key.startsWith(name.slice(0, -3))) continue;
    const type = structure.elements[id]?.types?.find((t) => `${name.slice(0, -3)}${capitalised(t)}` === key);
    if (type) return { id, type };
  }
  return undefined;
}

/** Where a value of `type` at `elementId` finds its children: the profile's expansion, else the base type. */
function childScope(
  structure: Structure,
  elementId: string,
  type: string | undefined,
): [Structure, string] | undefined {
  if (structure.children.has(elementId)) return [structure, elementId];
  const base = type ? baseStructure(type) : undefined;
  return base ? [base, type!] : undefined;
}

/** Validates an object node: every key known, every child element's cardinality and slices, then the values. */
export function walkObject(
  scope: ResourceScope,
  node: Record<string, unknown>,
  structure: Structure,
  elementId: string,
  location: string,
  isResourceRoot = false,
): void {
  const keys = Object.keys(node);
  if (keys.length === 0 || (isResourceRoot && keys.length === 1)) {
    report(scope, location, 'invariant:ele-1', 'element has neither a value nor children', elementId, structure);
    return;
  }
  const seen = new Map<string, { values: unknown[]; type?: string; key: string }>();
  for (const key of keys) {
    if (isResourceRoot && key === 'resourceType') continue;
    if (key.startsWith('_')) continue; // primitive extensions/ids ride beside their value
    const child = resolveChild(structure, elementId, key);
    if (!child) {
      report(
        scope,
        `${location}.${key}`,
        'unknown-element',
        `${key} is not an element of ${elementPath(elementId)}`,
        elementId,
        structure,
      );
      continue;
    }
    const value = node[key];
    const element = structure.elements[child.id]!;
    if (Array.isArray(value) !== (element.array === true)) {
      report(
        scope,
        `${location}.${key}`,
        'type',
        Array.isArray(value) ? `${key} must be a single value, not an array` : `${key} must be a JSON array`,
        child.id,
        structure,
      );
    }
    seen.set(child.id, { values: Array.isArray(value) ? value : [value], type: child.type, key });
  }
  // Plain loops, no per-call closures: this is the hot path (tsx's keepNames makes every closure costly).
  for (const [childId, entry] of seen)
    walkChild(scope, node, structure, childId, entry.key, entry.values, entry.type, location);
  for (const [name, childId] of structure.required.get(elementId) ?? []) {
    if (!seen.has(childId)) walkChild(scope, node, structure, childId, name, [], undefined, location);
  }
}

/** One child element of an object: its cardinality, its slices (even when absent), then each value. */
function walkChild(
  scope: ResourceScope,
  node: Record<string, unknown>,
  structure: Structure,
  childId: string,
  key: string,
  values: unknown[],
  choiceType: string | undefined,
  location: string,
): void {
  const where = `${location}.${key}`;
  checkCardinality(scope, structure, childId, structure.elements[childId]!, values.length, where);
  const multiple = Array.isArray(node[key]);
  const sliceOf = structure.slices.has(childId)
    ? matchSlices(scope, structure, childId, values, where, multiple)
    : undefined;
  for (let i = 0; i < values.length; i++) {
    walkValue(scope, values[i], structure, sliceOf?.[i] ?? childId, choiceType, multiple ? `${where}[${i}]` : where);
  }
}

function checkCardinality(
  scope: ResourceScope,
  structure: Structure,
  id: string,
  element: CompiledElement,
  count: number,
  location: string,
): void {
  const max = element.max === '*' ? Infinity : Number(element.max);
  if (count < element.min)
    report(
      scope,
      location,
      'cardinality',
      `${elementPath(id)} requires at least ${element.min}, found ${count}`,
      id,
      structure,
    );
  else if (count > max)
    report(
      scope,
      location,
      'cardinality',
      `${elementPath(id)} allows at most ${element.max}, found ${count}`,
      id,
      structure,
    );
}

/** One value of an element: its type decides whether it is a primitive, a resource or an object to walk. */
function walkValue(
  scope: ResourceScope,
  value: unknown,
  structure: Structure,
  elementId: string,
  choiceType: string | undefined,
  location: string,
): void {
  const element = structure.elements[elementId]!;
  const type = choiceType ?? (element.types?.length === 1 ? element.types[0] : undefined);
  checkFixedAndPattern(scope, structure, elementId, element, value, location);
  if (type === 'Resource') {
    scope.hooks.onResource(value, location, scope);
    return;
  }
  if (type && isPrimitive(type)) {
    const problem = primitiveProblem(type, value);
    if (problem) report(scope, location, 'type', problem, elementId, structure);
    else checkBinding(scope, structure, elementId, type, value, location);
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    report(
      scope,
      location,
      'type',
      `expected an object${type ? ` (${type})` : ''}, got ${JSON.stringify(value)}`,
      elementId,
      structure,
    );
    return;
  }
  const node = value as Record<string, unknown>;
  if (type === 'Extension' && node.extension !== undefined && Object.keys(node).some((k) => k.startsWith('value'))) {
    report(
      scope,
      location,
      'invariant:ext-1',
      'an extension has either a value or extensions, not both',
      elementId,
      structure,
    );
  }
  if (type === 'Extension' && typeof node.url === 'string') {
    const extensionProfile = profileStructure(node.url, structure.profileSet ?? scope.profileSet);
    if (extensionProfile) {
      walkObject({ ...scope, structure: extensionProfile }, node, extensionProfile, 'Extension', location);
      return;
    }
  }
  if (type) checkBinding(scope, structure, elementId, type, node, location);
  if (type === 'Reference' && typeof node.reference === 'string') {
    checkReferenceTarget(scope, structure, elementId, element, node.reference, location);
    scope.hooks.onReference?.(node.reference, `${location}.reference`, elementPath(elementId));
  }
  checkInvariants(scope, structure, elementId, element, node, location);
  const where = childScope(structure, elementId, type);
  if (where) walkObject(scope, node, where[0], where[1], location);
  else if (type && !element.types?.includes('BackboneElement'))
    report(scope, location, 'type', `no definition for type ${type}`, elementId, structure);
}

export function checkInvariants(
  scope: ResourceScope,
  structure: Structure,
  elementId: string,
  element: CompiledElement,
  node: Record<string, unknown>,
  location: string,
): void {
  for (const invariant of element.invariants ?? []) {
    const precondition = INVARIANT_PRECONDITION[invariant.key];
    if (precondition && node[precondition] === undefined) continue;
    if (invariantFails(invariant.key, elementPath(elementId), invariant.expression, node)) {
      report(scope, location, `invariant:${invariant.key}`, invariant.human, elementId, structure);
    }
  }
}
