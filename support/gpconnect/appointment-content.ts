/**
 * What every Appointment answer must still carry after booking (AM-APPT-SERVICE, AM-APPT-EXTENSIONS): the
 * values come from what the consumer saw, never from the provider's answer itself. The slot search gave the
 * Slot (serviceType text, delivery channel) and its Schedule (serviceCategory text, practitioner role); the
 * booking organisation is the consumer's own ODS code, sent as a contained Organization.
 */
import { EXT, SYS } from '../spine/systems';
import type { Resource } from '../fhir/bundle';

type Extension = { url?: string; valueCode?: string; valueCodeableConcept?: { coding?: { code?: string }[] } };
type Reference = { reference?: string };

export interface BookedContent {
  serviceType?: string;
  serviceCategory?: string;
  deliveryChannel?: string;
  practitionerRole?: string;
  bookingOds: string;
}

const extensions = (r: Resource | undefined): Extension[] => (Array.isArray(r?.extension) ? r.extension : []);
const extension = (r: Resource | undefined, url: string) => extensions(r).find((e) => e.url === url);
const roleCode = (e: Extension | undefined) => e?.valueCodeableConcept?.coding?.[0]?.code;

/** What the booked appointment must keep, from the slot search's Slot and Schedule and the consumer's ODS code. */
export function bookedContent(slot: Resource, schedule: Resource | undefined, consumerOds: string): BookedContent {
  return {
    serviceType: (slot.serviceType as { text?: string }[] | undefined)?.[0]?.text,
    serviceCategory: (schedule?.serviceCategory as { text?: string } | undefined)?.text,
    deliveryChannel: extension(slot, EXT.deliveryChannel)?.valueCode,
    practitionerRole: roleCode(extension(schedule, EXT.practitionerRole)),
    bookingOds: consumerOds,
  };
}

/** AM-APPT-SERVICE: each value the slot search gave and the Appointment lost or changed. */
export function serviceProblems(appointment: Resource, expected: BookedContent): string[] {
  const type = (appointment.serviceType as { text?: string }[] | undefined)?.[0]?.text;
  const category = (appointment.serviceCategory as { text?: string } | undefined)?.text;
  return [
    ...(expected.serviceType !== undefined && type !== expected.serviceType
      ? [`serviceType[0].text ${JSON.stringify(type)}, not the slot's ${JSON.stringify(expected.serviceType)}`]
      : []),
    ...(expected.serviceCategory !== undefined && category !== expected.serviceCategory
      ? [
          `serviceCategory.text ${JSON.stringify(category)}, not the Schedule's ${JSON.stringify(expected.serviceCategory)}`,
        ]
      : []),
  ];
}

/** AM-APPT-EXTENSIONS: each extension the Appointment lost or changed. */
export function extensionProblems(appointment: Resource, expected: BookedContent): string[] {
  const problems: string[] = [];
  const channel = extension(appointment, EXT.deliveryChannel)?.valueCode;
  if (expected.deliveryChannel !== undefined && channel !== expected.deliveryChannel)
    problems.push(
      `deliveryChannel ${JSON.stringify(channel)}, not the slot's ${JSON.stringify(expected.deliveryChannel)}`,
    );
  const role = roleCode(extension(appointment, EXT.practitionerRole));
  if (expected.practitionerRole !== undefined && role !== expected.practitionerRole)
    problems.push(
      `practitionerRole ${JSON.stringify(role)}, not the Schedule's ${JSON.stringify(expected.practitionerRole)}`,
    );
  const ref = (extension(appointment, EXT.bookingOrganisation) as { valueReference?: Reference } | undefined)
    ?.valueReference?.reference;
  const contained = (Array.isArray(appointment.contained) ? (appointment.contained as Resource[]) : []).find(
    (c) => ref === `#${c.id}` && c.resourceType === 'Organization',
  );
  const ods = (contained?.identifier as { system?: string; value?: string }[] | undefined)?.find(
    (i) => i.system === SYS.odsOrg,
  )?.value;
  if (ods !== expected.bookingOds)
    problems.push(
      `bookingOrganisation ${ref ? `${ref} → ODS ${JSON.stringify(ods)}` : 'missing'}, not a contained Organization with ODS ${expected.bookingOds}`,
    );
  return problems;
}
