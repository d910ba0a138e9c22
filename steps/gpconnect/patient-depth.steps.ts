/** Step 5 in depth (AM-PAT-HIDDEN, AM-PAT-PARAMS): who the provider must not find, and the identifier parameter's rules. */
import { When } from '@cucumber/cucumber';
import { patientProbe } from '../../support/gpconnect/patient-probes';
import { patientQuery } from '../../support/gpconnect/requests';
import { interaction } from '../../support/interactions';
import { choosePatient, throughSsp } from '../../support/world/journey';
import type { GpcWorld } from '../../support/world/world';
import { need } from '../../support/world/stages';

When('the consumer searches the provider for {patient}', async function (this: GpcWorld, role: string) {
  // The practice stays the registered patient's; only the NHS number searched for changes.
  choosePatient(this, role);
  await throughSsp(this, interaction('find patient'), { query: patientQuery(need(this, 'patient').patient.nhsNumber) });
});

When('the consumer searches the provider for the patient with {}', async function (this: GpcWorld, probe: string) {
  await throughSsp(this, interaction('find patient'), {
    query: patientProbe(probe, need(this, 'nhsNumber').nhsNumber),
  });
});
