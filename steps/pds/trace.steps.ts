/** Step 1, PDS trace (WE-1a … WE-1d). */
import { Given, Then, When } from '@cucumber/cucumber';
import { identifiers } from '../../support/fhir/bundle';
import { nhsNumberProblem } from '../../support/spine/nhs-number';
import { SYS } from '../../support/spine/systems';
import { check, expectAnswer, fail } from '../../support/world/checks';
import { choosePatient, practiceOds, traceAndReadOds, traceOnPds } from '../../support/world/journey';
import { mirrorProblems } from '../../support/world/presence';
import type { GpcWorld } from '../../support/world/world';
import { need } from '../../support/world/stages';

/** The headers PDS echoes (WE-1d). */
const MIRRORED = ['X-Request-ID', 'X-Correlation-ID'];

When('the consumer traces the patient on PDS', async function (this: GpcWorld) {
  await traceOnPds(this);
});

When("the consumer traces the patient on PDS and reads the practice's ODS code", async function (this: GpcWorld) {
  await traceAndReadOds(this);
});

Given("{patient}'s practice has been traced on PDS", async function (this: GpcWorld, role: string) {
  choosePatient(this, role);
  await traceAndReadOds(this);
});

function pdsPatient(w: GpcWorld) {
  const result = w.answer('pds');
  return { result, patient: expectAnswer(w, result, { status: 200, resourceType: 'Patient' }) };
}

Then("the Patient's id is the NHS number traced", function (this: GpcWorld) {
  const { result, patient } = pdsPatient(this);
  check(this, patient.id === need(this, 'patient').patient.nhsNumber, {
    evidence: result,
    expected: `Patient.id ${need(this, 'patient').patient.nhsNumber}`,
    actual: `Patient.id ${JSON.stringify(patient.id)}`,
  });
});

Then(
  'the PDS Patient carries the NHS number under the nhs-number system with a valid check digit',
  function (this: GpcWorld) {
    const { result, patient } = pdsPatient(this);
    const ids = identifiers(patient);
    const nhs = ids.find((i) => i.system === SYS.nhsNumber);
    check(this, nhs !== undefined, {
      evidence: result,
      expected: `an identifier with system ${SYS.nhsNumber}`,
      actual: `systems ${JSON.stringify(ids.map((i) => i.system))}`,
    });
    const problem = nhsNumberProblem(String(nhs.value));
    check(this, !problem, {
      evidence: result,
      expected: 'an NHS number that passes the Modulus 11 check',
      actual: problem ?? '',
    });
    check(this, nhs.value === patient.id, {
      evidence: result,
      expected: `the identifier value to equal Patient.id ${patient.id}`,
      actual: String(nhs.value),
    });
  },
);

Then('the PDS Patient has exactly one generalPractitioner with an ODS code', function (this: GpcWorld) {
  const { result, patient } = pdsPatient(this);
  this.state.ods = practiceOds(this, patient, result);
});

Then('that ODS code is the practice expected for the patient', function (this: GpcWorld) {
  const expected = need(this, 'patient').patient.expectedOds;
  // Without an expected practice the check would pass on any ODS code: that is a target-file gap, not a pass.
  if (!expected)
    fail(this, {
      hop: 'config',
      expected: `testData.patients.${this.state.patientRole}.expectedOds in the target file`,
      actual: 'not set',
      kind: 'config',
    });
  check(this, this.state.ods === expected, {
    evidence: this.answer('pds'),
    expected: `ODS code ${expected}`,
    actual: `ODS code ${this.state.ods}`,
  });
});

Then('PDS mirrors the X-Request-ID and X-Correlation-ID it was sent', function (this: GpcWorld) {
  const result = this.answer('pds');
  // With no answer at all there is nothing to mirror: name the network fault, not a missing header.
  if (result.status === undefined) expectAnswer(this, result, { status: 200 });
  for (const problem of mirrorProblems(result.exchange.request.headers, result.headers, MIRRORED))
    fail(this, { evidence: result, ...problem });
});
