/** Step 3, the CapabilityStatement (WE-3a, WE-3b). */
import { Then, When } from '@cucumber/cucumber';
import { interaction } from '../../support/interactions';
import { check, expectAnswer } from '../../support/world/checks';
import { throughSsp } from '../../support/world/journey';
import type { GpcWorld } from '../../support/world/world';

function capabilityStatement(w: GpcWorld) {
  const result = w.answer('provider');
  return { result, cs: expectAnswer(w, result, { status: 200, resourceType: 'CapabilityStatement' }) };
}

When("the consumer reads the provider's CapabilityStatement through the SSP", async function (this: GpcWorld) {
  const result = await throughSsp(this, interaction('read metadata'));
  expectAnswer(this, result, {
    requirement: 'WE-3a',
    status: 200,
    resourceType: 'CapabilityStatement',
  });
});

Then('the CapabilityStatement declares FHIR version {word}', function (this: GpcWorld, version: string) {
  const { result, cs } = capabilityStatement(this);
  check(this, cs.fhirVersion === version, {
    evidence: result,
    expected: `fhirVersion ${version}`,
    actual: `fhirVersion ${JSON.stringify(cs.fhirVersion)}`,
  });
});

Then('the CapabilityStatement offers both JSON and XML formats', function (this: GpcWorld) {
  const { result, cs } = capabilityStatement(this);
  const formats = Array.isArray(cs.format) ? (cs.format as string[]) : [];
  for (const wanted of ['application/fhir+json', 'application/fhir+xml']) {
    check(
      this,
      formats.some((f) => f.startsWith(wanted)),
      {
        evidence: result,
        expected: `format to list ${wanted}`,
        actual: `format ${JSON.stringify(cs.format)}`,
      },
    );
  }
});
