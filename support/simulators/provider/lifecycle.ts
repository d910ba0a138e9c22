/**
 * After booking ('Amend / Cancel / Retrieve appointments'): read an appointment, amend its description/comment, cancel it with a reason.
 * State is real: every change bumps versionId (the ETag is W/"<versionId>"), If-Match must name the current
 * version, and a cancelled appointment's slots are free again, so rescheduling is cancel then book.
 */
import { EXT } from '../../spine/systems';
import type { SimResponse } from '../http-kit';
import { etag } from './appointments';
import type { ProviderContext } from './context';
import { badRequest, GpcError, invalidParameter, invalidResource } from './outcomes';
import type { StoredAppointment } from './state';
import { SPINE } from '../../domain/spine-codes';

type Json = Record<string, unknown>;

/** What each update interaction may change; everything else must come back exactly as stored. */
const AMENDABLE = ['description', 'comment'];
const CANCEL_CHANGES = ['status', 'extension'];
/** Never compared: the server owns them. */
const SERVER_OWNED = ['meta', 'id'];

/** The stored appointment itself (not a copy): amend and cancel change it in place. */
function stored(ctx: ProviderContext): StoredAppointment {
  const id = ctx.id ?? '';
  const found = ctx.state.appointments.get(id);
  if (!found || found.ods !== ctx.practice.ods)
    throw ctx.faults.apply(
      'provider.read-not-found',
      new GpcError(404, SPINE.NO_RECORD_FOUND, `no Appointment/${id} at ${ctx.practice.ods}`),
      undefined,
    );
  return found;
}

/** A PUT's answer: writeAnswer's etagFor covers only GETs, so amend and cancel set the new version's ETag here. */
function answer(a: StoredAppointment): SimResponse {
  return { status: 200, headers: { ETag: etag(a.versionId) }, body: a.resource };
}

export function readAppointment(ctx: ProviderContext): SimResponse {
  const found = stored(ctx);
  // The ETag comes from etagFor in writeAnswer (meta.versionId), so provider-lenient-FMT-ETAG drops it.
  return ctx.faults.apply('provider.appointment-read', { status: 200, body: found.resource }, undefined);
}

/** If-Match must name the current version. */
function checkVersion(ctx: ProviderContext, a: StoredAppointment): void {
  if (!ctx.does('check If-Match')) return;
  const ifMatch = ctx.req.headers['if-match'];
  if (ifMatch !== etag(a.versionId))
    throw new GpcError(
      409,
      SPINE.FHIR_CONSTRAINT_VIOLATION,
      `If-Match ${ifMatch ?? '(none)'} is not the current version ${etag(a.versionId)}`,
    );
}

function parseBody(ctx: ProviderContext): Json {
  let body: unknown;
  try {
    body = JSON.parse(ctx.req.body);
  } catch {
    throw badRequest('the body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || (body as Json).resourceType !== 'Appointment')
    throw invalidResource('the body is not an Appointment');
  return body as Json;
}

/** The elements that differ between what was stored and what was sent, beyond those allowed to change. */
function changedElements(before: Json, after: Json, allowed: string[]): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter(
    (k) => !allowed.includes(k) && !SERVER_OWNED.includes(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
}

function saveVersion(a: StoredAppointment, resource: Json): StoredAppointment {
  a.versionId += 1;
  a.resource = {
    ...resource,
    id: a.resource.id,
    meta: { ...(a.resource.meta as Json), versionId: String(a.versionId) },
  };
  return a;
}

export function amendAppointment(ctx: ProviderContext): SimResponse {
  const current = stored(ctx);
  checkVersion(ctx, current);
  const sent = parseBody(ctx);
  if (current.resource.status === 'cancelled') throw invalidResource('a cancelled appointment cannot be amended');
  if (
    ctx.does('refuse an amended Appointment that is not valid') &&
    (typeof sent.description !== 'string' || !sent.description.trim())
  )
    throw invalidResource('an Appointment needs a description (GPConnect-Appointment-1: description 1..1)');
  const changed = changedElements(
    current.resource,
    sent,
    ctx.does('amend only description and comment') ? AMENDABLE : Object.keys(sent),
  );
  if (changed.length)
    throw invalidResource(`only description and comment may be amended; changed: ${changed.join(', ')}`);
  return ctx.faults.apply('provider.appointment-updated', answer(saveVersion(current, sent)), undefined);
}

const cancellationReason = (a: Json) =>
  (Array.isArray(a.extension) ? (a.extension as Json[]) : []).find((e) => e.url === EXT.cancellationReason)
    ?.valueString;

export function cancelAppointment(ctx: ProviderContext): SimResponse {
  const current = stored(ctx);
  checkVersion(ctx, current);
  const sent = parseBody(ctx);
  if (current.resource.status === 'cancelled') throw invalidResource('the appointment is already cancelled');
  if (sent.status !== 'cancelled')
    throw invalidResource(`status must be cancelled, got ${JSON.stringify(sent.status)}`);
  const reason = cancellationReason(sent);
  if (ctx.does('require a cancellation reason') && (typeof reason !== 'string' || !reason.trim()))
    throw invalidParameter('the cancellation reason extension needs a non-empty valueString');
  const otherExtensions = (a: Json) =>
    (Array.isArray(a.extension) ? (a.extension as Json[]) : []).filter((e) => e.url !== EXT.cancellationReason);
  const onlyStatusAndReason = ctx.does('cancel only status and the reason');
  const changed = onlyStatusAndReason ? changedElements(current.resource, sent, CANCEL_CHANGES) : [];
  if (
    onlyStatusAndReason &&
    JSON.stringify(otherExtensions(current.resource)) !== JSON.stringify(otherExtensions(sent))
  )
    changed.push('extension');
  if (changed.length)
    throw invalidResource(`a cancellation may only set status and the reason; changed: ${changed.join(', ')}`);
  // The slots go back on offer.
  if (ctx.does('free the slots of a cancelled appointment'))
    for (const ref of (current.resource.slot as { reference: string }[]) ?? []) {
      const slot = ctx.state.slots.get(ref.reference.replace(/^Slot\//, ''));
      if (slot) slot.status = 'free';
    }
  return ctx.faults.apply('provider.appointment-updated', answer(saveVersion(current, sent)), undefined);
}
