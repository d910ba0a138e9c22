/**
 * After booking, every answer holding the appointment keeps what the booking gave it (AM-APPT-SERVICE,
 * AM-APPT-EXTENSIONS): the slot's service type and the Schedule's category, the delivery channel, practitioner
 * role and booking organisation, whether it comes from book, read, amend, cancel or the patient's appointments.
 */
import { Then } from '@cucumber/cucumber';
import { ofType, resolve, type Resource } from '../../support/fhir/bundle';
import {
  bookedContent,
  extensionProblems,
  serviceProblems,
  type BookedContent,
} from '../../support/gpconnect/appointment-content';
import { check, expectAnswer } from '../../support/world/checks';
import { seenVersion } from '../../support/world/lifecycle';
import { need } from '../../support/world/stages';
import type { GpcWorld } from '../../support/world/world';

/** The answer's Appointment: the resource itself, or the booked one in a retrieve's searchset. */
function answeredAppointment(w: GpcWorld, requirement: string) {
  const result = w.answer('provider');
  const booked = result.exchange.interaction === 'book appointment';
  const body = expectAnswer(w, result, { requirement, status: booked ? 201 : 200 }) as Resource;
  const id = seenVersion(w).resource.id;
  const appointment =
    body.resourceType === 'Bundle' ? ofType(body, 'Appointment').find((a) => a.id === id) : (body as Resource);
  check(w, appointment?.resourceType === 'Appointment', {
    requirement,
    evidence: result,
    expected: `the Appointment ${String(id)} booked`,
    actual: `${String(body.resourceType)} without it`,
  });
  // check() stopped the scenario if it is missing.
  return { result, appointment: appointment as Resource };
}

function booked(w: GpcWorld): BookedContent {
  const slot = need(w, 'slot').slot;
  const schedule = resolve(
    need(w, 'slotSearch').slotSearch.bundle,
    (slot.schedule as { reference?: string } | undefined)?.reference,
  );
  return bookedContent(slot, schedule, w.target.consumer.odsCode);
}

const RULES = {
  'AM-APPT-SERVICE': {
    problems: serviceProblems,
    fields: ['serviceType', 'serviceCategory'],
    keeps: "the slot's serviceType text and the Schedule's serviceCategory text",
  },
  'AM-APPT-EXTENSIONS': {
    problems: extensionProblems,
    fields: ['deliveryChannel', 'practitionerRole', 'bookingOds'],
    keeps:
      "the slot's deliveryChannel, the Schedule's practitionerRole and a contained booking Organization with the consumer's ODS code",
  },
} as const;

function keeps(w: GpcWorld, requirement: keyof typeof RULES): void {
  const { result, appointment } = answeredAppointment(w, requirement);
  const expected = booked(w);
  const problems = RULES[requirement].problems(appointment, expected);
  check(w, problems.length === 0, {
    requirement,
    evidence: result,
    expected: `${RULES[requirement].keeps}: ${JSON.stringify(expected, [...RULES[requirement].fields])}`,
    actual: problems.join('; '),
  });
}

Then(
  "the Appointment keeps the booked slot's service type and its Schedule's service category",
  function (this: GpcWorld) {
    keeps(this, 'AM-APPT-SERVICE');
  },
);

Then(
  'the Appointment keeps the delivery channel, practitioner role and booking organisation of the booking',
  function (this: GpcWorld) {
    keeps(this, 'AM-APPT-EXTENSIONS');
  },
);
