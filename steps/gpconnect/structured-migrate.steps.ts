/**
 * Migrate structured record (ARS-MIGRATE; 1.6 line, facts §3.3): the whole record for a GP2GP-style
 * transfer, sent with reason_for_request migration (the JWT is built per interaction, support/jwt).
 */
import { When } from '@cucumber/cucumber';
import { migrateParameters } from '../../support/gpconnect/migrate-request';
import { interaction } from '../../support/interactions';
import { throughSsp } from '../../support/world/journey';
import { need } from '../../support/world/stages';
import type { GpcWorld } from '../../support/world/world';

const MIGRATE = interaction('migrate structured record');

When('the consumer migrates the structured record', async function (this: GpcWorld) {
  await throughSsp(this, MIGRATE, { body: migrateParameters(need(this, 'nhsNumber').nhsNumber, false) });
});
