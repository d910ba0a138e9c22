/**
 * What a consumer under test declares it holds from before the recording: PDS traces and SDS details it may
 * reuse instead of asking again (the worked example's steps 1 and 2 are optional when cached), and how long
 * each stays fresh. Declared in the consumer's target file under `cache:`; read by `gpc-assure consumer
 * --consumer-target FILE`. A cached entry, or an answer recorded earlier, counts only within its window;
 * a patient neither traced nor declared is still a CON-PDS-FIRST breach.
 */
import { parse as parseYaml } from 'yaml';
import type { Capability } from '../interactions';
import { ConfigError } from '../config/config-error';
import { MAX_TARGET_BYTES, readBoundedFile } from '../limits';

export interface CachedTrace {
  nhsNumber: string;
  /** When the consumer traced the number on PDS (ISO 8601). */
  at: string;
}

export interface CachedEndpoint {
  /** The service root SDS returned, byte for byte. */
  address: string;
  capability: Capability;
  partyKey?: string;
  at: string;
}

export interface ConsumerCache {
  /** How long a PDS trace may stand in for a new one. */
  traceWindowSeconds: number;
  /** How long SDS Endpoint details may stand in for a new lookup. */
  sdsWindowSeconds: number;
  traced: CachedTrace[];
  endpoints: CachedEndpoint[];
}

/** Whether something learned at `at` is still fresh at `now` for a window (none: fresh forever, as before). */
export function fresh(at: string | undefined, now: string, windowSeconds: number | undefined): boolean {
  if (at === undefined) return false;
  return windowSeconds === undefined || Date.parse(now) - Date.parse(at) <= windowSeconds * 1000;
}

const CAPABILITIES: readonly string[] = ['appointments', 'structured', 'documents'] satisfies Capability[];

function problemIn(raw: Record<string, unknown>): string | undefined {
  for (const key of ['traceWindowSeconds', 'sdsWindowSeconds'])
    if (!Number.isInteger(raw[key]) || (raw[key] as number) < 0) return `${key} must be a whole number of seconds ≥ 0`;
  for (const [key, required] of [
    ['traced', ['nhsNumber', 'at']],
    ['endpoints', ['address', 'capability', 'at']],
  ] as const) {
    const list = raw[key] ?? [];
    if (!Array.isArray(list)) return `${key} must be a list`;
    for (const [i, entry] of (list as Record<string, unknown>[]).entries()) {
      const missing = required.find((k) => typeof entry?.[k] !== 'string');
      if (missing) return `${key}[${i}].${missing} must be a string`;
      if (Number.isNaN(Date.parse(entry.at as string))) return `${key}[${i}].at is not an ISO 8601 time`;
      if (key === 'endpoints' && !CAPABILITIES.includes(entry.capability as string))
        return `${key}[${i}].capability must be one of ${CAPABILITIES.join(', ')}`;
    }
  }
  return undefined;
}

/** The `cache:` section of a consumer's target file; a ConfigError (exit 2) naming the key when it is wrong. */
export function consumerCacheOf(doc: unknown, source: string): ConsumerCache {
  const raw = (doc as { cache?: unknown } | null)?.cache;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new ConfigError('cache', 'missing: traceWindowSeconds, sdsWindowSeconds, traced, endpoints', source);
  const problem = problemIn(raw as Record<string, unknown>);
  if (problem) throw new ConfigError('cache', problem, source);
  const c = raw as Partial<ConsumerCache> & Pick<ConsumerCache, 'traceWindowSeconds' | 'sdsWindowSeconds'>;
  return { ...c, traced: c.traced ?? [], endpoints: c.endpoints ?? [] };
}

export function loadConsumerCache(file: string): ConsumerCache {
  return consumerCacheOf(parseYaml(readBoundedFile(file, MAX_TARGET_BYTES).toString('utf8')), file);
}
