/** The SDS faults (facts §5.2, T10–T13): each spoils one thing about an Endpoint or Device search. */
import { SYS } from '../../spine/systems';
import type { FaultMode } from '../fault-points';
import { r4Outcome } from '../http-kit';

type Json = Record<string, unknown>;
type Identifier = { system: string; value: string };

const twice = <T>(rows: readonly T[]): T[] => rows.flatMap((r) => [r, r]);
const withAddress = (endpoint: Json, spoil: (root: string) => string): Json => ({
  ...endpoint,
  address: spoil(String(endpoint.address)),
});
const identifiers = (resource: Json) => resource.identifier as Identifier[];

export const SDS_FAULTS = [
  {
    id: 'sds-no-endpoints',
    hop: 'sds',
    description: 'SDS finds no Endpoint',
    breaks: ['WE-2a'],
    effects: { 'sds.endpoint-rows': () => [] },
  },
  {
    id: 'sds-two-endpoints',
    hop: 'sds',
    description: 'SDS returns the Endpoint twice',
    breaks: ['WE-2a'],
    effects: { 'sds.endpoint-rows': twice },
  },
  {
    id: 'sds-trailing-slash',
    hop: 'sds',
    description: 'SDS returns the service root with a trailing slash',
    breaks: ['WE-2b'],
    effects: { 'sds.endpoint': (endpoint) => withAddress(endpoint, (root) => `${root}/`) },
  },
  {
    id: 'sds-no-party-key',
    hop: 'sds',
    description: 'SDS drops the party key identifier from Endpoint',
    breaks: ['WE-2c'],
    effects: {
      'sds.endpoint': (endpoint) => ({
        ...endpoint,
        identifier: identifiers(endpoint).filter((i) => i.system !== SYS.partyKey),
      }),
    },
  },
  {
    id: 'sds-two-devices',
    hop: 'sds',
    description: 'SDS returns the Device twice',
    breaks: ['WE-2d'],
    effects: { 'sds.device-rows': twice },
  },
  {
    id: 'sds-bad-asid',
    hop: 'sds',
    description: 'SDS returns an 11-digit ASID',
    breaks: ['WE-2d'],
    effects: {
      'sds.device': (device) => ({
        ...device,
        identifier: identifiers(device).map((i) => (i.system === SYS.asid ? { ...i, value: i.value.slice(1) } : i)),
      }),
    },
  },
] as const satisfies readonly FaultMode[];

/** The SDS faults of the worked example in depth (support/requirements-depth.ts). */
export const SDS_DEPTH_FAULTS = [
  {
    id: 'sds-no-devices',
    hop: 'sds',
    description: 'SDS finds no Device',
    breaks: ['WE-2d'],
    effects: { 'sds.device-rows': () => [] },
  },
  {
    id: 'sds-other-practice-root',
    hop: 'sds',
    description: "SDS returns a service root naming another practice's ODS code",
    breaks: ['WE-2b'],
    // T10: another practice's ODS code in the path.
    effects: { 'sds.endpoint': (e) => withAddress(e, (root) => root.replace(/\/[0-9A-Z]+\/STU3\//, '/Z99999/STU3/')) },
  },
  {
    id: 'sds-structured-root',
    hop: 'sds',
    description: 'SDS returns the Access Record Structured root for appointments interactions',
    breaks: ['WE-2f'],
    // T11: the Access Record Structured root given for an appointments interaction.
    effects: { 'sds.endpoint': (e) => withAddress(e, (root) => root.replace(/\/gpconnect$/, '/gpconnect/structured')) },
  },
  {
    id: 'sds-errors-as-500',
    hop: 'sds',
    description: 'SDS answers every refusal with 500',
    breaks: ['WE-2e'],
    effects: {
      'sds.answer': (answer) =>
        answer.status >= 400
          ? r4Outcome(
              500,
              'INTERNAL_SERVER_ERROR',
              'Internal server error',
              'fault mode sds-errors-as-500',
              'exception',
            )
          : answer,
    },
  },
  {
    id: 'sds-device-ignores-organization',
    hop: 'sds',
    description: "SDS Device search ignores the organization parameter, so a hosting ASID looks like the requester's",
    breaks: ['TOP-T2'],
    effects: { 'sds.device-search-by-organization': () => false },
  },
] as const satisfies readonly FaultMode[];
