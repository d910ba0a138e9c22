/**
 * Loads the compiled artefacts under schemas/ lazily (a run that validates only Slots never parses the
 * Patient profile) and indexes each one once: children by JSON name, slices by element.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROFILE_SET_DIRS, type ProfileSet } from '../../versions';
import type { CompiledElement, Structure } from './types';

const SCHEMAS = resolve(__dirname, '..', '..', '..', 'schemas');

interface BaseArtefact {
  primitives: string[];
  types: Record<string, { kind: string; elements: Record<string, CompiledElement> }>;
}

let base: BaseArtefact | undefined;
const baseStructures = new Map<string, Structure>();
const profiles = new Map<string, Structure | null>();
/** Every URL asked for, resolved or not: extension URLs are looked up once per extension instance. */
const byUrl = new Map<string, Structure | undefined>();

function loadBase(): BaseArtefact {
  base ??= JSON.parse(readFileSync(join(SCHEMAS, 'fhir', 'stu3-base.json'), 'utf8')) as BaseArtefact;
  return base;
}

let primitives: Set<string> | undefined;

export function isPrimitive(type: string): boolean {
  primitives ??= new Set(loadBase().primitives);
  return primitives.has(type);
}

/** The STU3 base definition of a resource or complex datatype, or undefined when it is not shipped. */
export function baseStructure(type: string): Structure | undefined {
  let structure = baseStructures.get(type);
  if (!structure) {
    const artefact = loadBase().types[type];
    if (!artefact) return undefined;
    structure = indexStructure({ type, elements: artefact.elements });
    baseStructures.set(type, structure);
  }
  return structure;
}

/** `https://…/GPConnect-Slot-1|1.5.0` or `…/_history/1.5` → the artefact name. */
export function canonicalName(url: string): string {
  return url
    .replace(/\|.*$/, '')
    .replace(/\/_history\/.*$/, '')
    .replace(/^.*\//, '');
}

/**
 * A compiled GP Connect profile (or extension definition) by canonical URL, from one profile set; undefined
 * when that set ships none. A set never falls back to another: a 1.5.0 body is not held to a 1.2.7 profile.
 */
export function profileStructure(url: string, set: ProfileSet = 'gpconnect-1.2.7'): Structure | undefined {
  const key = `${set} ${url}`;
  if (byUrl.has(key)) return byUrl.get(key);
  const name = canonicalName(url);
  const artefact = `${set} ${name}`;
  if (!profiles.has(artefact)) {
    const file = join(SCHEMAS, PROFILE_SET_DIRS[set], `${name}.json`);
    const loaded =
      existsSync(file) && name !== 'stu3-base'
        ? indexStructure(
            JSON.parse(readFileSync(file, 'utf8')) as Omit<Structure, 'children' | 'slices' | 'codeSets' | 'required'>,
          )
        : null;
    profiles.set(artefact, loaded);
  }
  const structure = profiles.get(artefact);
  // Same file name, other publisher: not this profile.
  const found = structure && url.startsWith(structure.url ?? '\0') ? structure : undefined;
  byUrl.set(key, found);
  return found;
}

function indexStructure(raw: Omit<Structure, 'children' | 'slices' | 'codeSets' | 'required'>): Structure {
  const structure: Structure = {
    ...raw,
    children: new Map(),
    slices: new Map(),
    codeSets: new Map(),
    required: new Map(),
  };
  for (const id of Object.keys(raw.elements)) {
    const dot = id.lastIndexOf('.');
    if (dot < 0) continue;
    const parent = id.slice(0, dot);
    const [name, sliceName] = id.slice(dot + 1).split(':') as [string, string | undefined];
    if (sliceName === undefined) {
      if (!structure.children.has(parent)) structure.children.set(parent, new Map());
      structure.children.get(parent)!.set(name, id);
    } else if (sliceName === name || (name.endsWith('[x]') && sliceName.startsWith(name.slice(0, -3)))) {
      // `Extension.value[x]:valueReference` and `Patient.deceasedDateTime:deceasedDateTime` only restrict a
      // choice to one type: they are children named by the JSON key, not slices.
      if (!structure.children.has(parent)) structure.children.set(parent, new Map());
      if (!structure.children.get(parent)!.has(name)) structure.children.get(parent)!.set(name, id);
    } else {
      const sliced = `${parent}.${name}`;
      if (!structure.slices.has(sliced)) structure.slices.set(sliced, []);
      structure.slices.get(sliced)!.push(id);
    }
  }
  indexRequired(structure);
  return structure;
}

/** Absent elements matter only when something requires them; listing those once keeps the walk short. */
function indexRequired(structure: Structure): void {
  for (const [parent, children] of structure.children) {
    const required = [...children].filter(
      ([, id]) =>
        structure.elements[id]!.min > 0 ||
        (structure.slices.get(id) ?? []).some((slice) => structure.elements[slice]!.min > 0),
    );
    if (required.length) structure.required.set(parent, required);
  }
}

/** The required-binding code set of an element as `system|code` strings (and bare codes, for `code` types). */
export function codeSet(structure: Structure, elementId: string): Set<string> | undefined {
  const codes = structure.elements[elementId]?.binding?.codes;
  if (!codes) return undefined;
  let set = structure.codeSets.get(elementId);
  if (!set) {
    set = new Set(codes.flatMap((c) => [c, c.slice(c.indexOf('|') + 1)]));
    structure.codeSets.set(elementId, set);
  }
  return set;
}
