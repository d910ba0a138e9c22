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

/** Without the extension of `url`. */
const withoutExtension = (url: string) => (a: Appointment) => ({
  ...a,
  extension: ((a.extension as { url?: string }[] | undefined) ?? []).filter((e) => e.url !== url),
});

/**
 * One fault per value the checks compare, so each comparison is seen to fail on its own. `names` is a phrase
 * of the failure's actual text (what was found), not of its expectation, which lists every value.
 */
export const APPOINTMENT_CONTENT_FAULTS = [
  {
    id: 'provider-appointment-drops-service-type',
    hop: 'provider',
    description: "Appointment answers leave out the booked slot's serviceType",
    breaks: ['AM-APPT-SERVICE'],
    names: 'serviceType[0].text undefined',
    effects: onEveryAppointmentAnswer(({ serviceType: _type, ...rest }) => rest),
  },
  {
    id: 'provider-appointment-drops-service-category',
    hop: 'provider',
    description: "Appointment answers leave out the Schedule's serviceCategory",
    breaks: ['AM-APPT-SERVICE'],
    names: 'serviceCategory.text undefined',
    effects: onEveryAppointmentAnswer(({ serviceCategory: _category, ...rest }) => rest),
  },
  {
    id: 'provider-appointment-drops-delivery-channel',
    hop: 'provider',
    description: 'Appointment answers leave out the delivery channel extension',
    breaks: ['AM-APPT-EXTENSIONS'],
    names: 'deliveryChannel undefined',
    effects: onEveryAppointmentAnswer(withoutExtension(EXT.deliveryChannel)),
  },
  {
    id: 'provider-appointment-drops-practitioner-role',
    hop: 'provider',
    description: 'Appointment answers leave out the practitioner role extension',
    breaks: ['AM-APPT-EXTENSIONS'],
    names: 'practitionerRole undefined',
    effects: onEveryAppointmentAnswer(withoutExtension(EXT.practitionerRole)),
  },
  {
    id: 'provider-appointment-drops-booking-organisation',
    hop: 'provider',
    description: 'Appointment answers leave out the booking organisation extension',
    breaks: ['AM-APPT-EXTENSIONS'],
    names: 'bookingOrganisation missing',
    effects: onEveryAppointmentAnswer(withoutExtension(EXT.bookingOrganisation)),
  },
] as const satisfies readonly FaultMode[];
