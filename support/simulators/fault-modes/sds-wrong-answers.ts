/**
 * SDS faults that answer a plausible record for the wrong query: well formed, one of each, but of another
 * organisation, another interaction or another party key. Only a harness that reads the records against its
 * own query (WE-2g, WE-2h) sees it. Each spoils the matching record before it is rendered.
 */
import type { FaultMode } from '../fault-points';
import type { Registry } from '../../domain/registry';

/** An interaction no GP Connect lookup asks for: what a record "for another interaction" carries instead. */
const OTHER_INTERACTION = 'urn:nhs:names:services:psis:REPC_IN150016UK05';

/** Another organisation of the registry than `ods` (the first one there is), for "another practice's record". */
function otherOds(registry: Registry, ods: string): string {
  return registry.mhs.find((m) => m.odsCode !== ods)?.odsCode ?? 'Z99999';
}

const withoutInteraction = (interactions: string[], asked: string) => [
  ...interactions.filter((i) => i !== asked),
  OTHER_INTERACTION,
];

export const SDS_WRONG_ANSWER_FAULTS = [
  {
    id: 'sds-endpoint-other-organisation',
    hop: 'sds',
    description: "SDS answers the Endpoint search with another organisation's Endpoint",
    breaks: ['WE-2g', 'TOP-T13'],
    effects: { 'sds.endpoint-record': (m, { registry }) => ({ ...m, odsCode: otherOds(registry, m.odsCode) }) },
  },
  {
    id: 'sds-endpoint-other-interaction',
    hop: 'sds',
    description: 'SDS answers the Endpoint search with an Endpoint that does not list the interaction asked for',
    breaks: ['WE-2g'],
    effects: {
      'sds.endpoint-record': (m, { interaction }) => ({
        ...m,
        interactions: withoutInteraction(m.interactions, interaction),
      }),
    },
  },
  {
    id: 'sds-endpoint-foreign-party-key',
    hop: 'sds',
    description: "SDS answers the Endpoint search with an Endpoint carrying another practice's party key",
    breaks: ['WE-2g'],
    effects: {
      'sds.endpoint-record': (m, { registry }) => ({
        ...m,
        partyKey: m.partyKey.replace(/^[^-]+/, otherOds(registry, m.odsCode)),
      }),
    },
  },
  {
    id: 'sds-device-other-owner',
    hop: 'sds',
    description: 'SDS answers the Device search with a Device owned by another organisation',
    breaks: ['WE-2h', 'TOP-T13'],
    effects: { 'sds.device-record': (a, { registry }) => ({ ...a, odsCode: otherOds(registry, a.odsCode) }) },
  },
  {
    id: 'sds-device-other-interaction',
    hop: 'sds',
    description: 'SDS answers the Device search with a Device that does not list the interaction asked for',
    breaks: ['WE-2h'],
    effects: {
      'sds.device-record': (a, { interaction }) => ({
        ...a,
        interactions: withoutInteraction(a.interactions, interaction),
      }),
    },
  },
  {
    id: 'sds-device-other-party-key',
    hop: 'sds',
    description: "SDS answers the Device search with a Device whose party key is not the Endpoint's",
    breaks: ['WE-2h'],
    effects: {
      'sds.device-record': (a) => ({ ...a, partyKey: a.partyKey.replace(/\d$/, (d) => String((+d + 1) % 10)) }),
    },
  },
] as const satisfies readonly FaultMode[];
