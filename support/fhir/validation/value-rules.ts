/**
 * Rules on one value: fixed and pattern values, required bindings (against the expanded code lists the
 * generator shipped) and the resource types a Reference may point at.
 */
import { canonicalName, codeSet, profileStructure } from './artefacts';
import { PROFILE_SET_DIRS, type ProfileSet } from '../../versions';
import { report, type ResourceScope } from './scope';
import type { CompiledElement, Structure } from './types';

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  return keysA.length === Object.keys(b).length && keysA.every((k) => deepEqual((a as never)[k], (b as never)[k]));
}

/** FHIR pattern semantics: every property of the pattern is present in the value; array items matched anywhere. */
function matchesPattern(value: unknown, pattern: unknown): boolean {
  if (typeof pattern !== 'object' || pattern === null) return value === pattern;
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(pattern))
    return Array.isArray(value) && pattern.every((p) => value.some((v) => matchesPattern(v, p)));
  return Object.entries(pattern).every(([k, p]) => matchesPattern((value as Record<string, unknown>)[k], p));
}

export function checkFixedAndPattern(
  scope: ResourceScope,
  structure: Structure,
  elementId: string,
  element: CompiledElement,
  value: unknown,
  location: string,
): void {
  if (element.fixed !== undefined && !deepEqual(value, element.fixed)) {
    report(
      scope,
      location,
      'fixed',
      `must be exactly ${JSON.stringify(element.fixed)}, got ${JSON.stringify(value)}`,
      elementId,
      structure,
    );
  }
  if (element.pattern !== undefined && !matchesPattern(value, element.pattern)) {
    report(scope, location, 'pattern', `must match ${JSON.stringify(element.pattern)}`, elementId, structure);
  }
}

type Coding = { system?: string; code?: string };

/** The codes a value carries, by the shape of its type; an empty list means there is nothing to check. */
const CODES_OF: Record<string, (value: unknown) => string[]> = {
  code: (value) => [String(value)],
  Coding: (value) => codingKeys([value as Coding]),
  CodeableConcept: (value) => codingKeys((value as { coding?: Coding[] }).coding ?? []),
};

function codingKeys(codings: Coding[]): string[] {
  return codings.filter((c) => c && c.code !== undefined).map((c) => `${c.system ?? ''}|${c.code}`);
}

export function checkBinding(
  scope: ResourceScope,
  structure: Structure,
  elementId: string,
  type: string,
  value: unknown,
  location: string,
): void {
  const extract = CODES_OF[type];
  if (!extract) return;
  const allowed = codeSet(structure, elementId);
  if (!allowed) return;
  const codes = extract(value);
  const valueSet = structure.elements[elementId]!.binding!.valueSet;
  // A required binding asks for a code from the set: a Coding or CodeableConcept with none (text only, or a
  // system without a code) does not meet it, as the HL7 validator also holds.
  if (codes.length === 0 && type !== 'code') {
    report(
      scope,
      location,
      'binding',
      `no code given where the required value set ${valueSet} asks for one`,
      elementId,
      structure,
    );
  } else if (!codes.some((code) => allowed.has(code))) {
    report(
      scope,
      location,
      'binding',
      `${codes.join(', ')} is not in the required value set ${valueSet}`,
      elementId,
      structure,
    );
  }
}

/** `Patient/1`, `https://host/fhir/Patient/1`, `Patient/1/_history/2` → `Patient`; `#x`/urn: → undefined. */
export function referencedType(reference: string): string | undefined {
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[^/]+)?$/.exec(reference);
  return match?.[1];
}

/**
 * The resource type a target profile constrains: from whichever profile set ships it (a profile's type is
 * the same in every set), else read from a CareConnect name (`CareConnect-Encounter-1` → Encounter), which
 * is how the 1.5.0 set names the HL7 UK profiles it does not ship.
 */
function targetType(url: string): string {
  for (const set of Object.keys(PROFILE_SET_DIRS) as ProfileSet[]) {
    const type = profileStructure(url, set)?.type;
    if (type) return type;
  }
  const name = canonicalName(url);
  return /^CareConnect-(?:GPC-)?([A-Z][A-Za-z]+)-\d+$/.exec(name)?.[1] ?? name;
}

const targetTypesCache = new WeakMap<CompiledElement, Set<string>>();

function targetTypes(element: CompiledElement): Set<string> {
  let types = targetTypesCache.get(element);
  if (!types) {
    types = new Set((element.targets ?? []).map(targetType));
    targetTypesCache.set(element, types);
  }
  return types;
}

export function checkReferenceTarget(
  scope: ResourceScope,
  structure: Structure,
  elementId: string,
  element: CompiledElement,
  reference: string,
  location: string,
): void {
  const allowed = targetTypes(element);
  const type = referencedType(reference);
  if (allowed.size === 0 || allowed.has('Resource') || type === undefined) return;
  if (!allowed.has(type)) {
    report(
      scope,
      `${location}.reference`,
      'reference',
      `${reference} must refer to ${[...allowed].join(' or ')}`,
      elementId,
      structure,
    );
  }
}
