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
  /** What the estate lacks to be assessed at all (config: the ODS codes or the SDS are wrong), when it does. */
  gap?: string;
  /** Records SDS answered that were not counted, and why. */
  setAside?: string[];
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
  const { registry, missing, setAside } = await registryFromSds(target, ods);
  const gap = missing.length
    ? `SDS holds no GP Connect record (Endpoint or Device) of ${missing.join(', ')}${setAside.length ? `; it answered only records set aside: ${setAside.slice(0, 5).join('; ')}` : ''}`
    : undefined;
  return { source: `${target.sds.baseUrl} for ${ods.join(', ')}`, registry, gap, setAside };
}
