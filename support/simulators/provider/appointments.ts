/**
 * Book appointment ('Book an appointment'). Validation, the slot claim and storing happen in one synchronous run, so
 * of any number of concurrent bookings for a slot exactly one wins. Read, amend and cancel ('Amend / Cancel / Retrieve appointments')
 * belong here too: they find the StoredAppointment by id and compare its versionId with If-Match.
 */
import { EXT, PROFILE } from '../../spine/systems';
import type { SimResponse } from '../http-kit';
import type { ProviderContext } from './context';
import { GpcError } from './outcomes';
import { deliveryChannelExtension, practitionerRoleExtension } from './resources';
import { validateBooking } from './booking-rules';
import { claimSlots, scheduleById, storeAppointment } from './state';
import { SPINE } from '../../domain/spine-codes';

type Json = Record<string, unknown>;

/** Extensions the provider writes from the slot's schedule, replacing any the consumer sent. */
const PROVIDER_EXTENSIONS = new Set<string>([EXT.practitionerRole, EXT.deliveryChannel]);

export const etag = (versionId: number) => `W/"${versionId}"`;
export const historyUrl = (ctx: ProviderContext, id: string, versionId: number) =>
  `${ctx.serviceRoot}/Appointment/${id}/_history/${versionId}`;

function wantsMinimal(ctx: ProviderContext): boolean {
  return /\breturn=minimal\b/.test(
    ctx.faults.apply('provider.booking-prefer', ctx.req.headers['prefer'] ?? '', undefined),
  );
}

export function bookAppointment(ctx: ProviderContext): SimResponse {
  const { faults, state, practice } = ctx;
  const { appointment, slots, patientId } = validateBooking(ctx);
  const taken = claimSlots(
    slots,
    faults.apply('provider.slot-claim', { ignoreBusy: false, leaveFree: false }, undefined),
  );
  if (taken) throw new GpcError(409, SPINE.DUPLICATE_REJECTED, `Slot/${taken.id} is already booked`);

  const schedule = scheduleById(slots[0].scheduleId)!;
  const { id: _clientId, meta: _clientMeta, extension, ...sent } = appointment;
  const consumerExtensions = Array.isArray(extension)
    ? extension.filter((e: Json) => !PROVIDER_EXTENSIONS.has(e?.url as string))
    : [];
  const stored = storeAppointment(state, practice.ods, (id) => ({
    resourceType: 'Appointment',
    id,
    meta: { versionId: '1', profile: [PROFILE.appointment] },
    ...sent,
    extension: [...consumerExtensions, practitionerRoleExtension(schedule), deliveryChannelExtension(slots[0].channel)],
    serviceCategory: { text: schedule.serviceCategory },
    serviceType: [{ text: schedule.slotType }],
  }));

  const booked: SimResponse = {
    status: 201,
    headers: {
      ETag: etag(stored.versionId),
      Location: historyUrl(ctx, stored.id, stored.versionId),
    },
    ...(wantsMinimal(ctx) ? {} : { body: structuredClone(stored.resource) }),
  };
  return faults.apply('provider.booked', booked, { patientId });
}
