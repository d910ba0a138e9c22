/** After booking (AM-LIFE-*): read, amend, cancel, and rescheduling as cancel then book. */
import { Given, Then, When } from '@cucumber/cucumber';
import { ofType } from '../../support/fhir/bundle';
import { check, expectAnswer } from '../../support/world/checks';
import { bookSlot } from '../../support/world/journey';
import { depthRequirement } from '../../support/world/depth';
import {
  cancelWith,
  keepVersion,
  readAppointment,
  seenVersion,
  staleEtag,
  updateAppointment,
} from '../../support/world/lifecycle';
import type { GpcWorld } from '../../support/world/world';
import { need } from '../../support/world/stages';

/** Values an amend may try to set, by element: description and comment are allowed, the rest are not. */
const AMENDMENTS: Record<string, unknown> = {
  description: 'Amended by gpc-assure',
  comment: 'Please ring on arrival',
  status: 'arrived',
  start: '2099-01-01T09:00:00+00:00',
};

Given('the consumer holds the appointment it booked', async function (this: GpcWorld) {
  keepVersion(this, await bookSlot(this), 201);
});

When('the consumer reads the appointment', async function (this: GpcWorld) {
  await readAppointment(this);
});

When("the consumer amends the appointment's {word}", async function (this: GpcWorld, element: string) {
  await updateAppointment(this, 'amend appointment', (a) => void (a[element] = AMENDMENTS[element]));
});

When('the consumer {word}s the appointment with a stale ETag', async function (this: GpcWorld, action: string) {
  const name = action === 'cancel' ? 'cancel appointment' : 'amend appointment';
  const change =
    action === 'cancel'
      ? cancelWith('Patient asked to cancel')
      : (a: Record<string, unknown>) => void (a.description = AMENDMENTS.description);
  await updateAppointment(this, name, change, staleEtag(this));
});

When(
  'the consumer cancels the appointment giving the reason {string}',
  async function (this: GpcWorld, reason: string) {
    await updateAppointment(this, 'cancel appointment', cancelWith(reason));
  },
);

Then('the provider answers with the Appointment at version {int}', function (this: GpcWorld, version: number) {
  const result = this.answer('provider');
  const appt = keepVersion(this, result, 200);
  const versionId = (appt.meta as { versionId?: string } | undefined)?.versionId;
  const requirement = depthRequirement(this);
  check(this, versionId === String(version) && result.headers['etag'] === `W/"${version}"`, {
    requirement,
    evidence: result,
    expected: `meta.versionId ${version} and ETag W/"${version}"`,
    actual: `meta.versionId ${versionId}, ETag ${result.headers['etag']}`,
  });
});

Then("the Appointment's {word} is what was sent", function (this: GpcWorld, element: string) {
  const { resource } = seenVersion(this);
  const expected = element === 'status' ? 'cancelled' : AMENDMENTS[element];
  check(this, resource[element] === expected, {
    requirement: depthRequirement(this),
    evidence: this.answer('provider'),
    expected: `${element} ${JSON.stringify(expected)}`,
    actual: JSON.stringify(resource[element]),
  });
});

Then('the freed slot is offered again', function (this: GpcWorld) {
  const result = this.answer('provider');
  // The new search's Bundle holds the Schedule and Location the rebooking needs.
  const bundle = expectAnswer(this, result, {
    requirement: depthRequirement(this),
    status: 200,
    resourceType: 'Bundle',
  });
  need(this, 'slotSearch').slotSearch.bundle = bundle;
  const slotId = this.state.bookedSlotId;
  check(
    this,
    ofType(bundle, 'Slot').some((s) => s.id === slotId),
    {
      requirement: depthRequirement(this),
      evidence: result,
      expected: `the cancelled appointment's Slot/${slotId} offered as free`,
      actual: 'not offered',
    },
  );
});
