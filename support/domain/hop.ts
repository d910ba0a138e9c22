/**
 * Who a failure is blamed on (the hop whose answer was wrong, or the target file) and who must behave
 * (the actor a behaviour binds). The catalogue (./catalogue.ts) gives every behaviour both.
 */
export const HOPS = ['pds', 'sds', 'ssp', 'provider', 'config'] as const;
export type Hop = (typeof HOPS)[number];

/**
 * The party a behaviour binds: a Spine service, the provider, the consuming system, or the estate (the SDS
 * records of a topology, facts §8), which no single service answers for.
 */
export const ACTORS = ['pds', 'sds', 'ssp', 'provider', 'consumer', 'estate'] as const;
export type Actor = (typeof ACTORS)[number];

export const isHop = (value: string): value is Hop => (HOPS as readonly string[]).includes(value);
