/** Step 5, find a patient (WE-5a … WE-5c). */
import { Given, Then, When } from '@cucumber/cucumber';
import { extensionsOf, identifiers, ofType } from '../../support/fhir/bundle';
import { EXT, SYS } from '../../support/spine/systems';
import { check, expectAnswer } from '../../support/world/checks';
import { findPatientOnProvider, foundPatientId } from '../../support/world/journey';
import type { GpcWorld } from '../../support/world/world';

When('the consumer finds the patient on the provider by NHS number', async function (this: GpcWorld) {
  await findPatientOnProvider(this);
});

async function findAndKeep(this: GpcWorld) {
  foundPatientId(this, await findPatientOnProvider(this));
}
Given('the consumer has found the patient on the provider', findAndKeep);
When('the consumer finds the patient on the provider', findAndKeep);

function providerPatient(w: GpcWorld) {
  const result = w.answer('provider');
  const bundle = expectAnswer(w, result, { status: 200, resourceType: 'Bundle' });
  const patient = ofType(bundle, 'Patient')[0];
  check(w, !!patient, { evidence: result, expected: 'a Patient in the Bundle', actual: 'none' });
  return { result, patient };
}

Then("the provider's Patient carries the traced NHS number with its verification status", function (this: GpcWorld) {
  const { result, patient } = providerPatient(this);
  const nhs = identifiers(patient).find((i) => i.system === SYS.nhsNumber);
  check(this, nhs?.value === this.state.nhsNumber, {
    evidence: result,
    expected: `identifier ${SYS.nhsNumber}|${this.state.nhsNumber}`,
    actual: JSON.stringify(identifiers(patient)),
  });
  const status = extensionsOf(nhs, EXT.gpcVerification)[0] as
    { valueCodeableConcept?: { coding?: { system?: string; code?: string }[] } } | undefined;
  const coding = status?.valueCodeableConcept?.coding?.[0];
  check(this, coding?.system === SYS.gpcVerification && !!coding.code, {
    evidence: result,
    expected: `a verification-status extension coded from ${SYS.gpcVerification}`,
    actual: JSON.stringify(status ?? 'none'),
  });
});

Then("the provider's Patient has exactly one official name", function (this: GpcWorld) {
  const { result, patient } = providerPatient(this);
  const names = Array.isArray(patient.name) ? (patient.name as { use?: string }[]) : [];
  const official = names.filter((n) => n.use === 'official');
  check(this, official.length === 1, {
    evidence: result,
    expected: 'exactly one name with use official',
    actual: `uses ${JSON.stringify(names.map((n) => n.use))}`,
  });
});
