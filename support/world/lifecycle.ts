/**
 * The booked appointment's life after booking (AM-LIFE-READ, AM-LIFE-AMEND, AM-LIFE-CANCEL): read, amend, cancel. The World keeps the
 * latest version the consumer has seen and its ETag, as a consumer must to send a valid If-Match.
 */
import { interaction } from '../interactions';
import { EXT } from '../spine/systems';
import { parseJson, type HttpResult } from '../spine/http';
import { sendGpc } from '../spine/ssp-client';
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
  const resource = expectAnswer(w, result, {
    requirement: depthRequirement(w),
    status,
    resourceType: 'Appointment',
  });
  seen.set(w, { resource, etag: result.headers['etag'] ?? '' });
  return resource;
}

export function seenVersion(w: GpcWorld): SeenVersion {
  const v = seen.get(w);
  if (!v) throw new Error('no appointment version has been seen in this scenario yet');
  return v;
}

export function readAppointment(w: GpcWorld): Promise<HttpResult> {
  return throughSsp(w, interaction('read appointment'), { id: String(seenVersion(w).resource.id) });
}

/** An amend or cancel of the version seen, with that change applied and the given If-Match. */
export function updateAppointment(
  w: GpcWorld,
  name: 'amend appointment' | 'cancel appointment',
  change: (a: Json) => void,
  ifMatch = seenVersion(w).etag,
): Promise<HttpResult> {
  const body = structuredClone(seenVersion(w).resource);
  change(body);
  return throughSsp(w, interaction(name), { id: String(body.id), body, headers: { 'If-Match': ifMatch } });
}

/** Cancel: status cancelled plus the cancellation-reason extension (AM-LIFE-CANCEL). */
export const cancelWith = (reason: string) => (a: Json) => {
  a.status = 'cancelled';
  a.extension = [...((a.extension as Json[]) ?? []), { url: EXT.cancellationReason, valueString: reason }];
};

/** An If-Match the provider has moved past: one version behind the one seen. */
export function staleEtag(w: GpcWorld): string {
  const n = Number(/W\/"(\d+)"/.exec(seenVersion(w).etag)?.[1] ?? 1);
  return `W/"${n - 1}"`;
}

/** The ids of the appointments this scenario's exchanges created: a 201 to POST /Appointment. */
function bookedIds(w: GpcWorld): string[] {
  const ids = w.evidence.exchanges
    .filter((e) => e.request.method === 'POST' && /\/Appointment$/.test(e.request.url) && e.response?.status === 201)
    // Location is {root}/Appointment/{id}/_history/{n}; with Prefer: return=minimal there is no body to read.
    .map(
      (e) =>
        /\/Appointment\/([^/]+)/.exec(e.response?.headers['location'] ?? '')?.[1] ??
        (parseJson(e.response?.body ?? '') as { value?: { id?: string } }).value?.id,
    );
  return [...new Set(ids.filter((id): id is string => !!id))];
}

export const CLEAN_UP_REASON = 'gpc-assure clean-up: the scenario that booked this has ended';

/**
 * Cancels every appointment the scenario booked and left booked, so its slots are free again for the next
 * scenario (and the next run against the same provider). Without this, bookings drain one shared pool of
 * slots: whether a booking scenario finds a free slot would depend on how many ran before it in the same
 * process. Best effort, after the checks: the exchanges join the evidence, but are neither answers the
 * steps read nor held to the profiles, and nothing here fails the scenario.
 */
export async function cancelWhatWasBooked(w: GpcWorld): Promise<void> {
  const { endpoint, providerAsid } = w.state;
  if (!endpoint || !providerAsid) return;
  const send = (name: string, id: string, more: { body?: unknown; headers?: Record<string, string> } = {}) =>
    sendGpc(w.evidence, w.target, { interaction: interaction(name), root: endpoint.root, providerAsid, id, ...more });
  for (const id of bookedIds(w)) {
    try {
      const read = await send('read appointment', id);
      const parsed = parseJson(read.text);
      const current = parsed.ok ? (parsed.value as Json) : undefined;
      if (read.status !== 200 || !current || current.status === 'cancelled') continue;
      cancelWith(CLEAN_UP_REASON)(current);
      await send('cancel appointment', id, { body: current, headers: { 'If-Match': read.headers['etag'] ?? '' } });
    } catch {
      // A provider that cannot be reached now has already been judged by the scenario's own checks.
    }
  }
}
