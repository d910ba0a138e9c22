/** Step 1 in depth (WE-1e … WE-1h): the stops, the superseded number, and PDS's own error answers. */
import { Then, When } from '@cucumber/cucumber';
import type { Hop } from '../../support/domain/hop';
import { check, expectAnswer, expectError } from '../../support/world/checks';
import { depthRequirement, exchangesOf, runGuardedJourney } from '../../support/world/depth';
import { traceOnPds } from '../../support/world/journey';
import type { GpcWorld } from '../../support/world/world';
import { need } from '../../support/world/stages';

When('the consumer runs the journey for the patient', async function (this: GpcWorld) {
  await runGuardedJourney(this);
});

When(
  /^the consumer traces the patient on PDS (with|without) an X-Request-ID$/,
  async function (this: GpcWorld, how: string) {
    await traceOnPds(this, { omitRequestId: how === 'without' });
  },
);

Then('the journey stops because the patient is {word}', function (this: GpcWorld, reason: string) {
  // Blamed on PDS: the record PDS returned is what tells the consumer to stop.
  const evidence = this.answers.get('pds');
  check(this, this.stoppedBecause === reason, {
    requirement: depthRequirement(this),
    evidence,
    expected: `the journey to stop: patient ${reason}`,
    actual: this.stoppedBecause ? `stopped: ${this.stoppedBecause}` : 'the journey went on to GP Connect',
  });
});

Then('the journey stops because the NHS number is invalid', function (this: GpcWorld) {
  check(this, !!this.stoppedBecause?.startsWith('invalid NHS number'), {
    requirement: depthRequirement(this),
    expected: 'the journey to stop on the check digit',
    actual: this.stoppedBecause ?? 'the journey went on',
  });
});

Then('{int} requests were sent to {hop}', function (this: GpcWorld, count: number, hop: Hop) {
  const sent = exchangesOf(this, hop);
  check(this, sent.length === count, {
    hop: this.declaredHop,
    requirement: depthRequirement(this),
    evidence: this.answers.get(hop),
    expected: `${count} ${hop} exchange(s) in the evidence`,
    actual: `${sent.length}: ${sent.map((e) => `${e.request.method} ${e.request.url}`).join(', ')}`,
  });
});

Then('no request was sent at all', function (this: GpcWorld) {
  const all = this.evidence.exchanges;
  check(this, all.length === 0, {
    requirement: depthRequirement(this),
    expected: 'no exchange in the evidence',
    actual: `${all.length}: ${all.map((e) => `${e.hop} ${e.request.url}`).join(', ')}`,
  });
});

Then('the PDS Patient is flagged deceased', function (this: GpcWorld) {
  const result = this.answer('pds');
  const patient = expectAnswer(this, result, {
    requirement: depthRequirement(this),
    status: 200,
    resourceType: 'Patient',
  });
  check(this, typeof patient.deceasedDateTime === 'string', {
    requirement: depthRequirement(this),
    evidence: result,
    expected: 'deceasedDateTime on the Patient',
    actual: 'no deceasedDateTime',
  });
});

Then("the PDS Patient's id is the surviving NHS number", function (this: GpcWorld) {
  const result = this.answer('pds');
  const patient = expectAnswer(this, result, {
    requirement: depthRequirement(this),
    status: 200,
    resourceType: 'Patient',
  });
  const requested = need(this, 'patient').patient.nhsNumber;
  // A target may name the surviving number; the embedded one does. Without it, any other number will do.
  const surviving = need(this, 'patient').patient.survivingNhsNumber;
  const ok = patient.id !== requested && (!surviving || patient.id === surviving);
  check(this, ok, {
    requirement: depthRequirement(this),
    evidence: result,
    expected: `Patient.id ${surviving ?? 'other than'} (requested ${requested})`,
    actual: `Patient.id ${JSON.stringify(patient.id)}`,
  });
});

Then(
  'the evidence records the superseded number and the GP Connect search used the surviving one',
  function (this: GpcWorld) {
    const requested = need(this, 'patient').patient.nhsNumber;
    const surviving = String(
      expectAnswer(this, this.answer('pds'), { requirement: depthRequirement(this), status: 200 }).id,
    );
    check(this, this.journeyValues.supersededNhsNumber === requested, {
      requirement: depthRequirement(this),
      expected: `supersededNhsNumber ${requested} in the evidence`,
      actual: JSON.stringify(this.journeyValues),
    });
    const search = exchangesOf(this, 'ssp')
      .map((e) => decodeURIComponent(e.request.url))
      .find((u) => u.includes('/Patient?'));
    check(this, !!search && search.endsWith(`|${surviving}`), {
      requirement: depthRequirement(this),
      evidence: this.answers.get('provider'),
      expected: `find patient by the surviving number ${surviving}`,
      actual: search ?? 'no find-patient request',
    });
  },
);

Then('PDS answers {int} with the code {word}', function (this: GpcWorld, status: number, code: string) {
  expectError(this, this.answer('pds'), { requirement: depthRequirement(this), status, code });
});
