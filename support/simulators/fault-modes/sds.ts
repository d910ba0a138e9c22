/** The SDS faults ('SDS Endpoint and Device searches', T10–T13): each spoils one thing about an Endpoint or Device search. */
import { SPINE } from '../../domain/spine-codes';
import { SYS } from '../../spine/systems';
import type { FaultMode } from '../fault-points';
import type { SimResponse } from '../http-kit';
import { SDS_REFUSALS, sdsOutcome } from '../sds-refusals';

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
    names: 'ends with a slash',
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
        answer.status >= 400 ? sdsOutcome(SDS_REFUSALS.crash, 'fault mode sds-errors-as-500') : answer,
    },
  },
  {
    id: 'sds-405-without-allow',
    hop: 'sds',
    description: 'SDS refuses a POST with 405 but no Allow header',
    breaks: ['WE-2e'],
    names: 'Allow',
    effects: { 'sds.answer': (answer) => (answer.status === 405 ? { ...answer, headers: {} } : answer) },
  },
  {
    id: 'sds-codes-lower-case',
    hop: 'sds',
    description:
      'SDS writes its refusal codes in lower case, which the Spine-ErrorOrWarningCode CodeSystem does not have',
    breaks: ['WE-2e'],
    // The same refusal under a code the CodeSystem does not have (codes are case-sensitive).
    effects: { 'sds.refusal': (refusal) => ({ ...refusal, code: refusal.code.toLowerCase() }) },
  },
  // The real SDS's defects (observed, peers/pds-sds-observed.json), reproduced so the harness is seen to report them.
  {
    id: 'sds-peer-interaction-list-500',
    hop: 'sds',
    description: `SDS answers 500 ${SPINE.INTERNAL_SERVER_ERROR} to an Endpoint search that finds a record (the real SDS's S4)`,
    breaks: ['WE-2a'],
    // Probe S4: a record whose interactions are a list crashes the real SDS's mapper.
    effects: {
      'sds.endpoint-search': (answer, { matched }): SimResponse =>
        matched.length ? sdsOutcome(SDS_REFUSALS.crash, "'list' object has no attribute 'split'") : answer,
    },
  },
  {
    id: 'sds-peer-substring-interaction',
    hop: 'sds',
    description: "SDS matches interaction IDs by substring (the real SDS's S11)",
    breaks: ['WE-2i'],
    effects: {
      'sds.interaction-match': () => (interactions: readonly string[], asked: string) =>
        interactions.some((i) => i.includes(asked)),
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

/**
 * How a real service seen on loopback differs from the whole API without being wrong: the SDS adaptor runs
 * without the API gateway that checks apikey (observed, probe S20). No check breaks on it; the replay test
 * (test/unit/peer-replay.test.ts) shows the simulator answers as that peer with it on.
 */
export const PEER_DIVERGENCE_FAULT_MODES = [
  {
    id: 'sds-peer-no-gateway',
    hop: 'sds',
    description: 'SDS answers without the API gateway: a search with no apikey is served',
    breaks: [],
    effects: { 'sds.gateway-checks-apikey': () => false },
  },
] as const satisfies readonly FaultMode[];
