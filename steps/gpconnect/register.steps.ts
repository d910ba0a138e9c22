/**
 * Register patient (AM-FND-REGISTER, AM-FND-REG-*, AM-DEMOGRAPHICS): the consumer traces the person on PDS and registers them at the
 * practice with the demographics PDS gave; the provider checks them against PDS itself.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { identifierValue, ofType, type Resource } from '../../support/fhir/bundle';
import { registerPatientBody, type Demographics } from '../../support/gpconnect/requests';
import { REGISTER_DEFECTS, SHOULD_EXTRAS, withPatient } from '../../support/gpconnect/register-variants';
import { interaction } from '../../support/interactions';
import { parseJson } from '../../support/spine/http';
import { EXT, SYS } from '../../support/spine/systems';
import { check, expectAnswer, fail } from '../../support/world/checks';
import { depthRequirement } from '../../support/world/depth';
import { choosePatient, findPatientOnProvider, throughSsp, traceOnPds } from '../../support/world/journey';
import type { GpcWorld } from '../../support/world/world';
import { need } from '../../support/world/stages';

/** For a number PDS does not answer (unknown, bad check digit) there is nothing to copy: placeholders go. */
const NO_PDS_RECORD: Demographics = {
  family: 'Unknown',
  given: ['Unknown'],
  gender: 'unknown',
  birthDate: '1970-01-01',
};

/** The demographics PDS answers for the chosen patient, as a consumer registering them would copy them. */
async function pdsDemographics(w: GpcWorld): Promise<Demographics> {
  const result = await traceOnPds(w);
  const parsed = result.status === 200 ? parseJson(result.text) : undefined;
  const p = parsed?.ok ? (parsed.value as Resource) : undefined;
  const name = (p?.name as { family?: string; given?: string[] }[] | undefined)?.[0];
  if (!p || !name?.family) return NO_PDS_RECORD;
  return { family: name.family, given: name.given ?? [], gender: String(p.gender), birthDate: String(p.birthDate) };
}

/**
 * A person can be registered once: against a provider that outlives the run (a real one, or `gpc-assure
 * simulate` run again) the person may already be its patient. That is the target file's to fix, not the
 * provider's fault, so it fails as config before anything is registered.
 */
Given('{patient} is not yet a patient of the practice', async function (this: GpcWorld, role: string) {
  choosePatient(this, role);
  const result = await findPatientOnProvider(this);
  const bundle = expectAnswer(this, result, {
    requirement: depthRequirement(this),
    status: 200,
    resourceType: 'Bundle',
  });
  if (ofType(bundle, 'Patient').length)
    fail(this, {
      hop: 'config',
      requirement: depthRequirement(this),
      evidence: result,
      expected: `testData.patients.${role} (${this.state.nhsNumber}) not yet a patient of ${this.state.ods}`,
      actual: 'already found there (a registration is made once); name another person',
      kind: 'config',
    });
});

async function register(
  w: GpcWorld,
  role: string,
  change: (d: Demographics) => Demographics = (d) => d,
  changePatient: (p: Resource) => Resource = (p) => p,
): Promise<void> {
  choosePatient(w, role);
  const demographics = change(await pdsDemographics(w));
  const body = registerPatientBody(need(w, 'nhsNumber').nhsNumber, demographics);
  await throughSsp(w, interaction('register patient'), { body: withPatient(body, changePatient) });
}

When('the consumer registers {patient} at the practice', async function (this: GpcWorld, role: string) {
  await register(this, role);
});

When(
  'the consumer registers {patient} at the practice with the telecom and address it should send',
  async function (this: GpcWorld, role: string) {
    await register(this, role, undefined, SHOULD_EXTRAS);
  },
);

When(
  'the consumer registers {patient} at the practice with {register defect}',
  async function (this: GpcWorld, role: string, defect: string) {
    await register(this, role, undefined, REGISTER_DEFECTS[defect]);
  },
);

When(
  'the consumer registers {patient} at the practice with a birth date PDS does not have',
  async function (this: GpcWorld, role: string) {
    await register(this, role, (d) => ({
      ...d,
      birthDate: d.birthDate === '1901-01-01' ? '1902-02-02' : '1901-01-01',
    }));
  },
);

/** One Patient in the searchset, carrying the NHS number the scenario is about. */
function thePatient(w: GpcWorld): void {
  const result = w.answer('provider');
  const requirement = depthRequirement(w);
  const bundle = expectAnswer(w, result, { requirement, status: 200, resourceType: 'Bundle' });
  const patients = ofType(bundle, 'Patient');
  const numbers = patients.map((p) => identifierValue(p, SYS.nhsNumber));
  check(w, patients.length === 1 && numbers[0] === w.state.nhsNumber, {
    requirement,
    evidence: result,
    expected: `one Patient with NHS number ${w.state.nhsNumber}`,
    actual: `${patients.length} Patient(s) with NHS number(s) ${numbers.join(', ') || 'none'}`,
  });
}

Then('the provider answers with the registered Patient', function (this: GpcWorld) {
  thePatient(this);
});

Then('the searchset holds the patient', function (this: GpcWorld) {
  thePatient(this);
});

/** 'Payload Response Body': registrationDetails.registrationType from CareConnect-RegistrationType-1, T for this operation. */
Then('the registered Patient is a temporary registration', function (this: GpcWorld) {
  const result = this.answer('provider');
  const requirement = 'AM-FND-REG-TEMPORARY';
  const bundle = expectAnswer(this, result, { requirement, status: 200, resourceType: 'Bundle' });
  const [patient] = ofType(bundle, 'Patient');
  const details = ((patient?.extension as Resource[] | undefined) ?? []).find((e) => e.url === EXT.registrationDetails);
  const type = ((details?.extension as Resource[] | undefined) ?? []).find((e) => e.url === 'registrationType');
  const codings = ((type?.valueCodeableConcept as Resource | undefined)?.coding as Resource[] | undefined) ?? [];
  check(
    this,
    codings.some((c) => c.system === SYS.registrationType && c.code === 'T'),
    {
      requirement,
      evidence: result,
      expected: `registrationDetails.registrationType ${SYS.registrationType}|T (temporary)`,
      actual: details ? `registrationType ${JSON.stringify(codings)}` : 'no registrationDetails extension',
    },
  );
});
