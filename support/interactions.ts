/**
 * Lookups over the one interaction table (support/interaction-table.ts): by name, by interaction ID, and by a
 * request's method and path, as the simulators' routing needs. The table's types are re-exported so every
 * reader imports interactions from here.
 */
import { INTERACTIONS, type Capability, type Interaction } from './interaction-table';

export { INTERACTIONS } from './interaction-table';
export type { Capability, Interaction, InteractionName, Method, Scope } from './interaction-table';
/** Routing segment appended to `/{ODS}/STU3/1` for each capability (TOP-T11, WE-2b). */
export const CAPABILITY_SEGMENT: Record<Capability, string> = {
  appointments: 'gpconnect',
  structured: 'gpconnect/structured',
  documents: 'gpconnect/documents',
};

const byName = new Map<string, Interaction>(INTERACTIONS.map((i) => [i.name, i]));
const byId = new Map<string, Interaction>(INTERACTIONS.map((i) => [i.interactionId, i]));

export function interaction(name: string): Interaction {
  const found = byName.get(name);
  if (!found) throw new Error(`unknown interaction "${name}"; known: ${[...byName.keys()].join(', ')}`);
  return found;
}

export function interactionById(id: string): Interaction | undefined {
  return byId.get(id);
}

/** Fills `{id}` in an interaction's path. */
export function interactionPath(i: Interaction, id?: string): string {
  if (i.path.includes('{id}') && id === undefined) throw new Error(`interaction "${i.name}" needs an id`);
  return i.path.replace('{id}', encodeURIComponent(id ?? ''));
}

const pathRegex = new Map<Interaction, RegExp>(
  INTERACTIONS.map((i) => [i, new RegExp('^' + i.path.replace(/[$.]/g, '\\$&').replace('{id}', '([^/]+)') + '$')]),
);

/** Interactions of a capability whose method and path match a request (several may: update and cancel). */
export function matchInteractions(
  capability: Capability,
  method: string,
  path: string,
): { interaction: Interaction; id?: string }[] {
  const out: { interaction: Interaction; id?: string }[] = [];
  for (const i of INTERACTIONS) {
    if (i.capability !== capability || i.method !== method) continue;
    const m = pathRegex.get(i)!.exec(path);
    if (m) out.push({ interaction: i, id: m[1] === undefined ? undefined : decodeURIComponent(m[1]) });
  }
  return out;
}

/** Every path (under any capability) that a method may take: used to tell 404 from 405. */
export function knownPath(capability: Capability, path: string): boolean {
  return INTERACTIONS.some((i) => i.capability === capability && pathRegex.get(i)!.test(path));
}
