/**
 * The target file: where each hop's traffic goes, who the consumer is, and the test data.
 * Loaded once, checked against schemas/target.schema.json, secrets resolved from ${ENV} or file: references.
 * Any problem is a ConfigError naming the key: the CLI turns it into one line and exit code 2.
 */
import { dirname, resolve } from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import schema from '../../schemas/target.schema.json';
import type { Capability } from '../interactions';
import { nhsNumberProblem } from '../spine/nhs-number';
import type { ClientTls } from '../spine/tls';
import { specVersionProblem, type SpecVersions } from '../versions';
import type { Ability } from './abilities';
import { ConfigError } from './config-error';
import { InputLimitError, MAX_TARGET_BYTES, readBoundedFile } from '../limits';
import { MaterialError, pdsAuthProblem, resolveReferences, tlsProblem } from './material';
import { conflictingRoles } from './patient-roles';

export interface PatientData {
  nhsNumber: string;
  expectedOds?: string;
  survivingNhsNumber?: string;
}

/** PDS application-restricted access (signed JWT); every value but kid and tokenUrl is a secret. */
export interface PdsSignedJwt {
  apiKey: string;
  privateKey: string;
  kid: string;
  tokenUrl: string;
}

export interface Target {
  name: string;
  description?: string;
  pds: {
    baseUrl: string;
    timeoutMs?: number;
    accessToken?: string;
    endUserOrganisationOds?: string;
    auth?: PdsSignedJwt;
  };
  sds: { baseUrl: string; timeoutMs?: number; apiKey: string; lookupInteraction?: string };
  /** With `embedded: true` there is no baseUrl in the file: the run starts the embedded SSP and sets it. */
  ssp: { baseUrl: string; timeoutMs?: number; tls?: ClientTls; embedded?: true };
  consumer: {
    asid: string;
    odsCode: string;
    organizationName: string;
    systemUrl: string;
    telecom: string;
    practitioner: {
      id: string;
      family: string;
      given: string[];
      prefix?: string[];
      sdsUserId: string;
      sdsRoleProfileId: string;
      localUserId?: string;
    };
    device: { system: string; value: string; model: string; version: string };
  };
  testData: {
    patients: Record<string, PatientData> & { registered: PatientData };
    slotSearchDays?: number;
    unagreedConsumerAsid?: string;
    /** A free Visit slot of the registered patient's practice: never offered by the slot search, so named here. */
    visitSlot?: { id: string; start: string; end: string };
    /** Where the SSP's 502 and 504 probes go (SSP-UNREACHABLE, SSP-TIMEOUT). */
    unreachablePracticeOds?: string;
    slowPracticeOds?: string;
  };
  /** The spec version assured per capability (support/versions.ts: defaults, and what each selects). */
  specVersions?: Partial<SpecVersions>;
  /** What the target offers (support/config/abilities.ts); absent means every ability. */
  abilities?: Ability[];
  simulator?: { fault?: string };
}

// Kept in a file of its own so the CLI can recognise it without loading ajv and the schema (start-up cost).
export { ConfigError };

const ajv = new Ajv({ allErrors: false, strict: true });
const validateShape = ajv.compile<Target>(schema);

function pointerToKey(pointer: string): string {
  return pointer.replace(/^\//, '').replace(/\//g, '.');
}

/** What a failed pattern means, by the schema definition it failed: clearer than the regular expression. */
const PATTERN_PROBLEMS: [RegExp, string][] = [
  [/secretRef/, 'secrets must be a ${ENV_VAR} or file:PATH reference, not a literal'],
  [/pemRef/, 'must be a file:PATH or ${ENV_VAR} reference to PEM text'],
  [/baseUrl/, 'must be an absolute http(s) URL with no trailing slash'],
];

/**
 * Roles whose number must FAIL the Modulus 11 check: the scenarios using them test that a bad number is
 * refused, so a number that happens to be valid would make them prove nothing. Every other role must pass.
 */
const MUST_BE_INVALID: ReadonlySet<string> = new Set(['invalidCheckDigit']);

function patientNumberProblem(role: string, nhsNumber: string): string | undefined {
  const problem = nhsNumberProblem(nhsNumber);
  if (!MUST_BE_INVALID.has(role)) return problem;
  return problem ? undefined : `"${nhsNumber}" passes the check digit; this role needs a number that fails it`;
}

/** Checks the parsed document; returns the typed target or throws one ConfigError. */
export function checkTarget(doc: unknown, source: string, baseDir = process.cwd()): Target {
  if (!validateShape(doc)) {
    const e = validateShape.errors![0];
    const extra =
      e.keyword === 'additionalProperties'
        ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"`
        : '';
    const allowed =
      e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
    const pattern = e.keyword === 'pattern' ? PATTERN_PROBLEMS.find(([re]) => re.test(e.schemaPath))?.[1] : undefined;
    const problem = pattern ?? `${e.message}${extra}${allowed}`;
    throw new ConfigError(pointerToKey(e.instancePath), problem, source);
  }
  const target = structuredClone(doc);
  if (target.ssp.embedded && target.ssp.baseUrl)
    throw new ConfigError(
      'ssp.baseUrl',
      'not with ssp.embedded: the embedded SSP gets its address when the run starts it',
      source,
    );
  try {
    resolveReferences(target, baseDir);
  } catch (err) {
    if (err instanceof MaterialError) throw new ConfigError(err.key, err.problem, source);
    throw err;
  }
  const material = tlsProblem(target.ssp.tls, target.ssp.baseUrl) ?? pdsAuthProblem(target.pds);
  if (material) throw new ConfigError(material[0], material[1], source);
  for (const [capability, version] of Object.entries(target.specVersions ?? {})) {
    const problem = specVersionProblem(capability as Capability, version);
    if (problem) throw new ConfigError(`specVersions.${capability}`, problem, source);
  }
  for (const [role, p] of Object.entries(target.testData.patients)) {
    const problem = patientNumberProblem(role, p.nhsNumber);
    if (problem) throw new ConfigError(`testData.patients.${role}.nhsNumber`, problem, source);
  }
  const conflict = conflictingRoles(target.testData.patients);
  if (conflict) throw new ConfigError(conflict[0], conflict[1], source);
  return target;
}

export function parseTargetText(text: string, source: string, baseDir?: string): Target {
  let doc: unknown;
  try {
    doc = parseYaml(text, { prettyErrors: false });
  } catch (err) {
    const line = (err as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new ConfigError(
      '',
      `not valid YAML${line ? ` (line ${line})` : ''}: ${(err as Error).message.split('\n')[0]}`,
      source,
    );
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    throw new ConfigError('', 'must be a YAML mapping', source);
  return checkTarget(doc, source, baseDir);
}

export function loadTargetFile(path: string): Target {
  let text: string;
  try {
    text = readBoundedFile(path, MAX_TARGET_BYTES).toString('utf8');
  } catch (err) {
    throw new ConfigError('', err instanceof InputLimitError ? err.message : 'cannot read the target file', path);
  }
  return parseTargetText(text, path, dirname(resolve(path)));
}
