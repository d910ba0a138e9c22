/**
 * The topology requirements (facts §8), one per rule, for the catalogue in support/requirements.ts:
 * `TOP-T1` … `TOP-T13`, the tags on features/topology. Built from the rules so text and source stay one.
 * Static rules are the SDS's records; T2, T3 and T12 are seen at the SSP, T13 at SDS.
 */
import type { Hop, Requirement } from '../requirements';
import { RULES, type RuleId } from './rules';

const HOP_OF_DYNAMIC: Partial<Record<RuleId, Hop>> = { T2: 'ssp', T3: 'ssp', T12: 'ssp' };

export const TOPOLOGY_REQUIREMENTS: readonly Requirement[] = RULES.map((r) => ({
  id: `TOP-${r.id}`,
  hop: HOP_OF_DYNAMIC[r.id] ?? 'sds',
  text: r.text,
  source: r.source,
}));
