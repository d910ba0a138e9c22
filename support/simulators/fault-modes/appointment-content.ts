/**
 * Faults in what an Appointment answer carries (AM-APPT-SERVICE, AM-APPT-EXTENSIONS): each applies to every
 * answer that holds the appointment (book, read, amend, cancel, retrieve), on a copy, so the stored appointment
 * stays right and only what the consumer is told is wrong.
 */
import { EXT } from '../../spine/systems';
import type { FaultMode } from '../fault-points';
import type { SimResponse } from '../http-kit';

type Appointment = Record<string, unknown>;
type Stored = Appointment & { resourceType: string; id: string };

/** The same change on every answer point that carries an Appointment. */
function onEveryAppointmentAnswer(change: (a: Appointment) => Appointment) {
  const inAnswer = (answer: SimResponse): SimResponse => ({ ...answer, body: change(answer.body as Appointment) });
  return {
    'provider.booked': inAnswer,
    'provider.appointment-read': inAnswer,
    'provider.appointment-updated': inAnswer,
    'provider.patient-appointments': (found: readonly Stored[]) =>
      found.map((a) => ({ ...change(a), resourceType: a.resourceType, id: a.id })),
  };
}

const LOST_EXTENSIONS = new Set<string>([EXT.deliveryChannel, EXT.practitionerRole]);

export const APPOINTMENT_CONTENT_FAULTS = [
  {
    id: 'provider-appointment-drops-service',
    hop: 'provider',
    description: "Appointment answers leave out the slot's serviceType and the Schedule's serviceCategory",
    breaks: ['AM-APPT-SERVICE'],
    names: 'serviceType',
    effects: onEveryAppointmentAnswer(({ serviceType: _type, serviceCategory: _category, ...rest }) => rest),
  },
  {
    id: 'provider-appointment-drops-extensions',
    hop: 'provider',
    description: 'Appointment answers leave out the delivery channel and practitioner role extensions',
    breaks: ['AM-APPT-EXTENSIONS'],
    names: 'deliveryChannel',
    effects: onEveryAppointmentAnswer((a) => ({
      ...a,
      extension: ((a.extension as { url?: string }[] | undefined) ?? []).filter(
        (e) => !LOST_EXTENSIONS.has(e.url ?? ''),
      ),
    })),
  },
] as const satisfies readonly FaultMode[];
