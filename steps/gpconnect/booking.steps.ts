/** Step 6, book an appointment (WE-6a … WE-6d, WE-J1), and the journey's carried values. */
import { Given, Then, When } from '@cucumber/cucumber';
import { reference, type Resource } from '../../support/fhir/bundle';
import { PROFILE } from '../../support/spine/systems';
import { bearerToken, decodeJwt } from '../../support/jwt/gpc-jwt';
import { check, expectAnswer } from '../../support/world/checks';
import { bookSlot } from '../../support/world/journey';
import type { GpcWorld } from '../../support/world/world';
import { need } from '../../support/world/stages';

When('the consumer books the slot for the patient', async function (this: GpcWorld) {
  await bookSlot(this);
});

When('the consumer books the same slot again', async function (this: GpcWorld) {
  await bookSlot(this);
});

Given('the consumer has booked the slot for the patient', async function (this: GpcWorld) {
  const result = await bookSlot(this);
  this.state.appointment = expectAnswer(this, result, {
    requirement: 'WE-6a',
    status: 201,
    resourceType: 'Appointment',
  });
});

function appointment(w: GpcWorld) {
  const result = w.answer('provider');
  return { result, appt: expectAnswer(w, result, { status: 201, resourceType: 'Appointment' }) };
}

const participants = (appt: Resource) =>
  ((appt.participant as { actor?: unknown }[]) ?? []).map((p) => reference(p.actor) ?? '');

Then('the answer has a Location header for the Appointment', function (this: GpcWorld) {
  const { result, appt } = appointment(this);
  const location = result.headers['location'];
  check(this, !!location && location.includes(`Appointment/${appt.id}`), {
    evidence: result,
    expected: `a Location header naming Appointment/${appt.id}`,
    actual: location ? `Location: ${location}` : 'no Location header',
  });
});

Then('the Appointment declares the GPConnect-Appointment-1 profile and is booked', function (this: GpcWorld) {
  const { result, appt } = appointment(this);
  const profiles = (appt.meta as { profile?: string[] } | undefined)?.profile ?? [];
  check(this, profiles.includes(PROFILE.appointment), {
    evidence: result,
    expected: `meta.profile ${PROFILE.appointment}`,
    actual: `meta.profile ${JSON.stringify(profiles)}`,
  });
  check(this, appt.status === 'booked', {
    evidence: result,
    expected: 'status booked',
    actual: `status ${JSON.stringify(appt.status)}`,
  });
});

Then('the Appointment has Patient and Location participants', function (this: GpcWorld) {
  const { result, appt } = appointment(this);
  const refs = participants(appt);
  for (const type of ['Patient', 'Location']) {
    check(
      this,
      refs.some((r) => r.startsWith(`${type}/`)),
      {
        evidence: result,
        expected: `a ${type} participant`,
        actual: `participants ${JSON.stringify(refs)}`,
      },
    );
  }
});

Then('the journey carried each value forward from hop to hop', function (this: GpcWorld) {
  const { evidence } = this;
  const state = need(this, 'ods', 'endpoint');
  const sds = evidence.exchanges.filter((e) => e.hop === 'sds');
  const gpc = evidence.exchanges.filter((e) => e.hop === 'ssp');
  const fault = (hop: 'sds' | 'ssp' | 'provider', expected: string, actual: string) => ({
    hop,
    evidence: this.answer('provider'),
    expected,
    actual,
  });
  check(
    this,
    sds.length >= 2 && sds.every((e) => decodeURIComponent(e.request.url).includes(`|${state.ods}`)),
    fault('sds', `both SDS queries to name ODS code ${state.ods} from PDS`, sds.map((e) => e.request.url).join(' ; ')),
  );
  for (const e of gpc) {
    check(
      this,
      e.request.url.startsWith(`${this.target.ssp.baseUrl}/${state.endpoint.root}/`),
      fault('ssp', `URL under {ssp}/${state.endpoint.root}/`, e.request.url),
    );
    check(
      this,
      e.request.headers['Ssp-To'] === state.providerAsid,
      fault('ssp', `Ssp-To ${state.providerAsid} from SDS`, String(e.request.headers['Ssp-To'])),
    );
    const jwt = decodeJwt(bearerToken(e.request.headers['Authorization']) ?? '');
    check(
      this,
      jwt.ok && jwt.claims.aud === state.endpoint.root,
      fault('ssp', `JWT aud ${state.endpoint.root}`, jwt.ok ? String(jwt.claims.aud) : jwt.problem),
    );
  }
  const { appt } = appointment(this);
  const slots = ((appt.slot as unknown[]) ?? []).map(reference);
  check(
    this,
    slots.includes(`Slot/${state.bookedSlotId}`),
    fault('provider', `the Appointment to book Slot/${state.bookedSlotId} from the search`, JSON.stringify(slots)),
  );
  check(
    this,
    participants(appt).includes(`Patient/${state.providerPatientId}`),
    fault(
      'provider',
      `the Appointment's Patient to be Patient/${state.providerPatientId} from find patient`,
      JSON.stringify(participants(appt)),
    ),
  );
});
