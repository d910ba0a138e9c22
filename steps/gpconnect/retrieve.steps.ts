/** Retrieve a patient's appointments (AM-LIFE-RETRIEVE), and the consumer's demographic cross-check against PDS. */
import { Then, When } from '@cucumber/cucumber';
import { ofType } from '../../support/fhir/bundle';
import { interaction } from '../../support/interactions';
import { DAY_MS, ukDate } from '../../support/spine/uk-time';
import { check, expectAnswer } from '../../support/world/checks';
import { depthRequirement } from '../../support/world/depth';
import { throughSsp } from '../../support/world/journey';
import { seenVersion } from '../../support/world/lifecycle';
import type { GpcWorld } from '../../support/world/world';
import { need } from '../../support/world/stages';

const day = (n: number) => ukDate(new Date(Date.now() + n * DAY_MS));

/** The start bounds of each named range (AM-LIFE-RETRIEVE: both bounds, dates only, nothing in the past). */
const RANGES: Record<string, () => string[]> = {
  'today to 14 days ahead': () => [`ge${day(0)}`, `le${day(14)}`],
  'a range starting yesterday': () => [`ge${day(-1)}`, `le${day(7)}`],
  'only a ge bound': () => [`ge${day(0)}`],
  'an end before the start': () => [`ge${day(7)}`, `le${day(1)}`],
};

async function retrieve(w: GpcWorld, patientId: string, range: string) {
  const query = RANGES[range]()
    .map((b) => `start=${b}`)
    .join('&');
  await throughSsp(w, interaction("retrieve patient's appointments"), { id: patientId, query });
}

When("the consumer retrieves the patient's appointments for {}", async function (this: GpcWorld, range: string) {
  await retrieve(this, need(this, 'providerPatientId').providerPatientId, range);
});

When(
  'the consumer retrieves the appointments of a patient id the practice does not know',
  async function (this: GpcWorld) {
    await retrieve(this, 'pat-0000000000', 'today to 14 days ahead');
  },
);

Then('the searchset holds the appointment booked', function (this: GpcWorld) {
  const result = this.answer('provider');
  const requirement = depthRequirement(this);
  const bundle = expectAnswer(this, result, { requirement, status: 200, resourceType: 'Bundle' });
  const id = seenVersion(this).resource.id;
  check(
    this,
    ofType(bundle, 'Appointment').some((a) => a.id === id),
    {
      requirement,
      evidence: result,
      expected: `Appointment/${id} in the searchset`,
      actual: `${ofType(bundle, 'Appointment').length} Appointment(s)`,
    },
  );
});

type Named = { family?: string; given?: string[] };
const demographics = (p: Record<string, unknown>) => {
  const name = ((p.name as Named[]) ?? [])[0] ?? {};
  return { family: name.family, given: name.given?.[0], gender: p.gender, birthDate: p.birthDate };
};

Then("the provider's Patient matches the PDS Patient on name, gender and birth date", function (this: GpcWorld) {
  const result = this.answer('provider');
  const requirement = depthRequirement(this);
  const bundle = expectAnswer(this, result, { requirement, status: 200, resourceType: 'Bundle' });
  const provider = demographics(ofType(bundle, 'Patient')[0] ?? {});
  const pds = demographics(this.state.pdsPatient ?? {});
  const differences = (Object.keys(pds) as (keyof typeof pds)[]).filter((k) => provider[k] !== pds[k]);
  check(this, differences.length === 0, {
    requirement,
    evidence: result,
    expected: `PDS demographics ${JSON.stringify(pds)}`,
    actual: differences.map((k) => `${k} ${JSON.stringify(provider[k])}`).join(', '),
  });
});
