/** Step 1b in full (WE-1e, WE-1h, WE-1i, WE-1j): what PDS says of the patient, judged before the journey goes on. */
import { Then } from '@cucumber/cucumber';
import { expectAnswer } from '../../support/world/checks';
import { currentRegistration, tracedRecord } from '../../support/world/pds-judgement';
import type { GpcWorld } from '../../support/world/world';

function tracedPatient(w: GpcWorld, requirement: string) {
  const result = w.answer('pds');
  return {
    result,
    patient: expectAnswer(w, result, { hop: 'pds', requirement, status: 200, resourceType: 'Patient' }),
  };
}

Then('the PDS Patient is living and its GP registration is current', function (this: GpcWorld) {
  const { result, patient } = tracedPatient(this, 'WE-1i');
  currentRegistration(this, patient, result);
});

Then("the PDS Patient's NHS number is verified and its date of birth is a date", function (this: GpcWorld) {
  const { result, patient } = tracedPatient(this, 'WE-1j');
  tracedRecord(this, patient, result);
});
