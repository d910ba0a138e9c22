/**
 * The estate under assessment: what `gpc-assure topology` hands the @static topology scenarios. An estate
 * file (GPC_ESTATE_FILE), or the registry rebuilt from the target's SDS for the ODS codes in GPC_ESTATE_ODS
 * (default: the organisations the target's own data names). Read from the environment because the CLI sets
 * it before Cucumber loads, and --parallel workers inherit it.
 */
import type { Target } from '../config/target';
import type { Registry } from '../domain/registry';
import { loadEstateFile } from './estate-file';
import { registryFromSds, targetOdsCodes } from './from-sds';

export const ESTATE_FILE_ENV = 'GPC_ESTATE_FILE';
export const ESTATE_ODS_ENV = 'GPC_ESTATE_ODS';

export interface AssessedEstate {
  /** What was assessed, for the reports: the file, or the SDS and the ODS codes asked about. */
  source: string;
  registry: Registry;
}

function odsCodesFromEnv(target: Target, env: NodeJS.ProcessEnv = process.env): string[] {
  const listed = (env[ESTATE_ODS_ENV] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return listed.length ? listed : targetOdsCodes(target);
}

export async function assessEstate(target: Target, env: NodeJS.ProcessEnv = process.env): Promise<AssessedEstate> {
  const file = env[ESTATE_FILE_ENV];
  if (file) return { source: file, registry: loadEstateFile(file).registry };
  const ods = odsCodesFromEnv(target, env);
  const { registry } = await registryFromSds(target, ods);
  return { source: `${target.sds.baseUrl} for ${ods.join(', ')}`, registry };
}
