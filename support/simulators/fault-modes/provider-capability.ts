/** CapabilityStatement faults (WE-3e–WE-3h): each spoils one thing the appointments root's statement declares. */
import type { FaultMode } from '../fault-points';

type Json = Record<string, unknown>;
/** The statement with its rest[0] changed. */
const withRest = (cs: Json, change: (rest: Json) => Json): Json => {
  const [first, ...others] = (cs.rest as Json[] | undefined) ?? [{}];
  return { ...cs, rest: [change(first), ...others] };
};

export const PROVIDER_CAPABILITY_FAULTS = [
  {
    id: 'provider-capability-wrong-version',
    hop: 'provider',
    description: 'The CapabilityStatement declares version 0.7.4, a line the target does not assure',
    breaks: ['WE-3e'],
    effects: { 'provider.capability-statement': (cs) => ({ ...cs, version: '0.7.4' }) },
  },
  {
    id: 'provider-capability-unversioned-operation',
    hop: 'provider',
    description:
      'The CapabilityStatement names an operation by a definition that is not its GP Connect OperationDefinition',
    breaks: ['WE-3f'],
    effects: {
      'provider.capability-statement': (cs) =>
        withRest(cs, (rest) => ({
          ...rest,
          operation: ((rest.operation as Json[] | undefined) ?? []).map((op) => ({
            ...op,
            definition: { reference: `OperationDefinition/${String(op.name)}` },
          })),
        })),
    },
  },
  {
    id: 'provider-capability-duplicate-profile',
    hop: 'provider',
    description: 'The CapabilityStatement lists the Slot profile twice',
    breaks: ['WE-3g'],
    effects: {
      'provider.capability-statement': (cs) => {
        const profiles = (cs.profile as Json[] | undefined) ?? [];
        return { ...cs, profile: [...profiles, ...profiles.slice(-1)] };
      },
    },
  },
  {
    id: 'provider-capability-slot-no-includes',
    hop: 'provider',
    description: 'The Slot resource of the CapabilityStatement declares no searchInclude',
    breaks: ['WE-3h'],
    effects: {
      'provider.capability-statement': (cs) =>
        withRest(cs, (rest) => ({
          ...rest,
          resource: ((rest.resource as Json[] | undefined) ?? []).map(({ searchInclude, ...r }) =>
            r.type === 'Slot' ? r : { ...r, ...(searchInclude ? { searchInclude } : {}) },
          ),
        })),
    },
  },
] as const satisfies readonly FaultMode[];

/** The statement without one interaction code of one resource type (only the root that declares it changes). */
const withoutInteraction = (type: string, code: string) => (cs: Json) =>
  withRest(cs, (rest) => ({
    ...rest,
    resource: ((rest.resource as Json[] | undefined) ?? []).map((r) =>
      r.type === type
        ? { ...r, interaction: ((r.interaction as Json[] | undefined) ?? []).filter((x) => x.code !== code) }
        : r,
    ),
  }));

/** The statement without one operation (only the root that declares it changes). */
const withoutOperation = (name: string) => (cs: Json) =>
  withRest(cs, (rest) => ({
    ...rest,
    operation: ((rest.operation as Json[] | undefined) ?? []).filter((o) => o.name !== name),
  }));

/**
 * Providers that do not offer one interaction: their CapabilityStatement leaves it out. The scenarios that use it
 * must end as not supported by the provider (support/world/advertised.ts), failing no check, so these break
 * nothing and are not among the worked-example faults (test/meta/not-supported.test.ts proves it).
 */
export const PROVIDER_CAPABILITY_OMISSIONS = [
  {
    id: 'provider-capability-omits-book',
    hop: 'provider',
    description: 'The CapabilityStatement does not declare Appointment create (book appointment)',
    breaks: [],
    effects: { 'provider.capability-statement': withoutInteraction('Appointment', 'create') },
  },
  {
    id: 'provider-capability-omits-read-practitioner',
    hop: 'provider',
    description: 'The CapabilityStatement does not declare Practitioner read (Foundations: read practitioner)',
    breaks: [],
    effects: { 'provider.capability-statement': withoutInteraction('Practitioner', 'read') },
  },
  {
    id: 'provider-capability-omits-migrate-structured',
    hop: 'provider',
    description: "The structured root's CapabilityStatement does not declare gpc.migratestructuredrecord",
    breaks: [],
    effects: { 'provider.capability-statement': withoutOperation('gpc.migratestructuredrecord') },
  },
] as const satisfies readonly FaultMode[];
