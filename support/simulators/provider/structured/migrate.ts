/**
 * POST …/gpconnect/structured/Patient/$gpc.migratestructuredrecord (1.6 line; facts §3.3, §5.8; GP Connect
 * 1.6.2 accessrecord_structured_development_migrate_patient_record.md): the whole record for a GP2GP-style
 * transfer. Its Parameters are patientNHSNumber and includeFullRecord with its mandatory part
 * includeSensitiveInformation; the answer is the structured record with every area and nothing filtered
 * out (ended allergies and vaccinations not given included). The JWT's reason `migration` is checked at
 * the edge (JWT-REASON-VALUE, the 1.6 variant).
 */
import { AREA_PARAMETERS, structuredRecordParameters } from '../../../gpconnect/structured-operation';
import { ukDate } from '../../../spine/uk-time';
import type { SimResponse } from '../../http-kit';
import type { ProviderContext } from '../context';
import { GpcError } from '../outcomes';
import { parametersOf, readStructuredQuery } from './parameters';
import { getRecordFor } from './index';
import { SPINE } from '../../../domain/spine-codes';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** The full record is get structured record with every area and these parts (else the narrowest answer). */
const recordParts = (full: boolean): Record<string, Record<string, boolean>> => ({
  allergies: { includeResolvedAllergies: full },
  immunisations: { includeNotGiven: full },
});

function migrateParameters(body: string): { nhsParameter: Json; unrecognised: string[] } {
  const parameters = parametersOf(body);
  const nhsParameter = parameters.find((p) => p.name === 'patientNHSNumber');
  if (!nhsParameter) throw new GpcError(422, SPINE.INVALID_PARAMETER, 'patientNHSNumber is missing');
  const full = parameters.find((p) => p.name === 'includeFullRecord');
  const parts = Array.isArray(full?.part) ? full.part.filter(isObject) : [];
  const sensitive = parts.find((p) => p.name === 'includeSensitiveInformation');
  if (!full || typeof sensitive?.valueBoolean !== 'boolean')
    throw new GpcError(422, SPINE.INVALID_PARAMETER, 'includeFullRecord needs its part includeSensitiveInformation');
  const unrecognised = [
    ...parameters.filter((p) => !['patientNHSNumber', 'includeFullRecord'].includes(String(p.name))),
    ...parts
      .filter((p) => p.name !== 'includeSensitiveInformation')
      .map((p) => ({ name: `includeFullRecord.${p.name}` })),
  ].map((p) => String(p.name));
  return { nhsParameter, unrecognised };
}

export function migrateStructuredRecord(ctx: ProviderContext): SimResponse {
  const { nhsParameter, unrecognised } = migrateParameters(ctx.req.body);
  const nhsNumber = String((nhsParameter.valueIdentifier as Json | undefined)?.value ?? '');
  const parts = recordParts(ctx.does('migrate the full record'));
  const asGet = structuredRecordParameters(
    nhsNumber,
    AREA_PARAMETERS.map((p) => ({ area: p.area, parts: parts[p.area] })),
  );
  asGet.parameter[0] = nhsParameter as never;
  const query = readStructuredQuery(JSON.stringify(asGet), { today: ukDate(ctx.now) });
  query.unrecognised.push(...unrecognised);
  return getRecordFor(ctx, query);
}
