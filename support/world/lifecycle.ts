/**
 * The booked appointment's life after booking (facts §5.7): read, amend, cancel. The World keeps the
 * latest version the consumer has seen and its ETag, as a consumer must to send a valid If-Match.
 */
import { interaction } from '../interactions';
import { EXT } from '../spine/systems';
import type { HttpResult } from '../spine/http';
import { expectAnswer } from './checks';
import { depthRequirement } from './depth';
import { throughSsp } from './journey';
import type { GpcWorld } from './world';

type Json = Record<string, unknown>;

export interface SeenVersion {
  resource: Json;
  etag: string;
}

const seen = new WeakMap<GpcWorld, SeenVersion>();

/** Keeps the Appointment and ETag of a successful answer as the version the consumer now holds. */
export function keepVersion(w: GpcWorld, result: HttpResult, status: number): Json {
  const resource = expectAnswer(w, result, { hop: 'provider', requirement: depthRequirement(w), status, resourceType: 'Appointment' });
  seen.set(w, { resource, etag: result.headers['etag'] ?? '' });
  return resource;
}

export function seenVersion(w: GpcWorld): SeenVersion {
  const v = seen.get(w);
  if (!v) throw new Error('no appointment version has been seen in this scenario yet');
  return v;
}

export function readAppointment(w: GpcWorld): Promise<HttpResult> {
  return throughSsp(w, interaction('read appointment'), { id: String(seenVersion(w).resource.id), headers: {} });
}

/** An amend or cancel of the version seen, with that change applied and the given If-Match. */
export function updateAppointment(w: GpcWorld, name: 'amend appointment' | 'cancel appointment', change: (a: Json) => void, ifMatch = seenVersion(w).etag): Promise<HttpResult> {
  const body = structuredClone(seenVersion(w).resource);
  change(body);
  return throughSsp(w, interaction(name), { id: String(body.id), body, headers: { 'If-Match': ifMatch } });
}

/** Cancel: status cancelled plus the cancellation-reason extension (facts §5.7). */
export const cancelWith = (reason: string) => (a: Json) => {
  a.status = 'cancelled';
  a.extension = [...((a.extension as Json[]) ?? []), { url: EXT.cancellationReason, valueString: reason }];
};

/** An If-Match the provider has moved past: one version behind the one seen. */
export function staleEtag(w: GpcWorld): string {
  const n = Number(/W\/"(\d+)"/.exec(seenVersion(w).etag)?.[1] ?? 1);
  return `W/"${n - 1}"`;
}
