/**
 * Migrate structured record (ARS-MIGRATE; 1.6 line, facts §3.3): the whole record for a GP2GP-style
 * transfer, sent with reason_for_request migration (the JWT is built per interaction, support/jwt).
 */
import { When } from '@cucumber/cucumber';
import { SYS } from '../../support/spine/systems';
import { interaction } from '../../support/interactions';
import { throughSsp } from '../../support/world/journey';
import { need } from '../../support/world/stages';
import type { GpcWorld } from '../../support/world/world';

const MIGRATE = interaction('migrate structured record');

/** The migrate Parameters (GPC-1.6.2 accessrecord_structured_development_migrate_patient_record.md). */
export const migrateParameters = (nhsNumber: string, includeSensitiveInformation: boolean) => ({
  resourceType: 'Parameters',
  parameter: [
    { name: 'patientNHSNumber', valueIdentifier: { system: SYS.nhsNumber, value: nhsNumber } },
    {
      name: 'includeFullRecord',
      part: [{ name: 'includeSensitiveInformation', valueBoolean: includeSensitiveInformation }],
    },
  ],
});

When('the consumer migrates the structured record', async function (this: GpcWorld) {
  await throughSsp(this, MIGRATE, { body: migrateParameters(need(this, 'nhsNumber').nhsNumber, false) });
});
