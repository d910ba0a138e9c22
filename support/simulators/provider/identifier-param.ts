/**
 * The `identifier=system|value` search parameter shared by the Foundations searches ('Find a patient' and its PT
 * oracles): given exactly once and spelt in lower case (else 400 BAD_REQUEST), with a system and a value
 * (else 422 INVALID_PARAMETER), under the one system the search knows (else 400 INVALID_IDENTIFIER_SYSTEM).
 */
import type { ProviderContext } from './context';
import { badRequest, GpcError, invalidParameter } from './outcomes';
import { SPINE } from '../../domain/spine-codes';

export function identifierParam(ctx: ProviderContext, expectedSystem: string): string {
  const values = ctx.req.query.getAll('identifier');
  if (values.length !== 1) throw badRequest(`identifier must be given exactly once, got ${values.length}`);
  const bar = values[0].indexOf('|');
  const system = bar < 0 ? '' : values[0].slice(0, bar);
  const value = bar < 0 ? values[0] : values[0].slice(bar + 1);
  if (!system.trim())
    throw invalidParameter(`identifier ${values[0]} has no system (expected ${expectedSystem}|<value>)`);
  if (!value) throw invalidParameter(`identifier ${values[0]} has no value`);
  if (system !== expectedSystem)
    throw new GpcError(400, SPINE.INVALID_IDENTIFIER_SYSTEM, `identifier system ${system} is not ${expectedSystem}`);
  return value;
}

/** A lenient provider's reading: any spelling, any count, any system; the last value wins ('' when none). */
export function lenientIdentifier(ctx: ProviderContext): string {
  const values = [...ctx.req.query.entries()].filter(([k]) => k.toLowerCase() === 'identifier').map(([, v]) => v);
  return values.pop()?.split('|').pop() ?? '';
}

/**
 * `_count` and `_sort` are not GP Connect search parameters: a provider ignores them and finds what it would
 * without them (AM-FND-SEARCH-IGNORED); only an over-strict one refuses them (provider-search-refuses-count-sort).
 */
export function ignoreShapingParams(ctx: ProviderContext): void {
  const shaping = ['_count', '_sort'].filter((p) => ctx.req.query.has(p));
  if (!ctx.does('ignore _count and _sort') && shaping.length > 0)
    throw badRequest(`unsupported search parameter ${shaping.join(', ')}`);
}
