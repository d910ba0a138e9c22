/** Amend and cancel with changes they must refuse (AM-LIFE-AMEND, AM-LIFE-AMEND-INVALID, AM-LIFE-CANCEL-ONLY). */
import { When } from '@cucumber/cucumber';
import { appointmentChange } from '../../support/gpconnect/appointment-changes';
import { cancelWith, updateAppointment } from '../../support/world/lifecycle';
import type { GpcWorld } from '../../support/world/world';

When('the consumer amends the appointment with {string}', async function (this: GpcWorld, change: string) {
  await updateAppointment(this, 'amend appointment', appointmentChange(change));
});

When('the consumer cancels the appointment with {string}', async function (this: GpcWorld, change: string) {
  const apply = appointmentChange(change);
  await updateAppointment(this, 'cancel appointment', (a) => {
    cancelWith('Patient asked to cancel')(a);
    apply(a);
  });
});
