/**
 * The migrate structured record Parameters the harness sends (GPC-1.6.2
 * accessrecord_structured_development_migrate_patient_record.md): out of the steps so the body can be
 * validated outside a Cucumber run (test/unit/request-profiles.test.ts).
 */
import { SYS } from '../spine/systems';

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
