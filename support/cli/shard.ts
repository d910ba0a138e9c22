/**
 * `--shard I/N`: split a run's scenarios into N parts that CI jobs run side by side. A scenario's place is
 * decided by its identity alone (sha256 of feature uri, scenario name and line), never by timing or the
 * machine: scenarios sorted by that hash are dealt round-robin, so every machine cuts the same shards and
 * the N shards together hold each selected scenario exactly once.
 */
import { createHash } from 'node:crypto';
import { UsageError } from './usage';

export interface Shard {
  index: number;
  count: number;
}

export interface ShardableScenario {
  uri: string;
  name: string;
  line?: number;
}

/** "2/3" → { index: 2, count: 3 }; 1 ≤ I ≤ N ≤ 1000. */
export function parseShard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || count < 1 || count > 1000 || index < 1 || index > count)
    throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N ≤ 1000, e.g. 2/3, not "${value}"`);
  return { index, count };
}

export const scenarioIdentity = (s: ShardableScenario) =>
  createHash('sha256')
    .update(`${s.uri}\n${s.name}\n${s.line ?? ''}`)
    .digest('hex');

/** The scenarios of shard I of N, in their original order. */
export function inShard<T extends ShardableScenario>(scenarios: readonly T[], shard: Shard): T[] {
  const ranked = scenarios
    .map((s, position) => ({ position, id: scenarioIdentity(s) }))
    .sort((a, b) => a.id.localeCompare(b.id) || a.position - b.position);
  const keep = new Set(ranked.filter((_, rank) => rank % shard.count === shard.index - 1).map((r) => r.position));
  return scenarios.filter((_, position) => keep.has(position));
}
