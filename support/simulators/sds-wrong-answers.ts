/**
 * SDS fault modes that answer a plausible record for the wrong query: well formed, one of each, but of
 * another organisation, another interaction or another party key. Only a harness that reads the records
 * against its own query (WE-2g, WE-2h) sees it. Data: each fault and how it spoils the matching record.
 */
import type { FaultId, Faults } from './faults';
import type { AsRecord, MhsRecord, Registry } from './registry';

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

type Spoil<T> = (record: T, asked: { interaction: string }, registry: Registry) => T;

const ENDPOINT_SPOILERS: [FaultId, Spoil<MhsRecord>][] = [
  ['sds-endpoint-other-organisation', (m, _q, r) => ({ ...m, odsCode: otherOds(r, m.odsCode) })],
  [
    'sds-endpoint-other-interaction',
    (m, q) => ({ ...m, interactions: withoutInteraction(m.interactions, q.interaction) }),
  ],
  [
    'sds-endpoint-foreign-party-key',
    (m, _q, r) => ({ ...m, partyKey: m.partyKey.replace(/^[^-]+/, otherOds(r, m.odsCode)) }),
  ],
];

const DEVICE_SPOILERS: [FaultId, Spoil<AsRecord>][] = [
  ['sds-device-other-owner', (a, _q, r) => ({ ...a, odsCode: otherOds(r, a.odsCode) })],
  [
    'sds-device-other-interaction',
    (a, q) => ({ ...a, interactions: withoutInteraction(a.interactions, q.interaction) }),
  ],
  ['sds-device-other-party-key', (a) => ({ ...a, partyKey: a.partyKey.replace(/\d$/, (d) => String((+d + 1) % 10)) })],
];

function spoil<T>(spoilers: [FaultId, Spoil<T>][], faults: Faults, registry: Registry, interaction = '') {
  return (record: T): T =>
    spoilers.reduce((r, [fault, change]) => (faults.has(fault) ? change(r, { interaction }, registry) : r), record);
}

export const spoilEndpoint = (faults: Faults, registry: Registry, interaction?: string) =>
  spoil(ENDPOINT_SPOILERS, faults, registry, interaction);
export const spoilDevice = (faults: Faults, registry: Registry, interaction?: string) =>
  spoil(DEVICE_SPOILERS, faults, registry, interaction);
