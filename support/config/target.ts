/**
 * The target file: where each hop's traffic goes, who the consumer is, and the test data.
 * Loaded once, checked against schemas/target.schema.json, secrets resolved from ${ENV} or file: references.
 * Any problem is a ConfigError naming the key: the CLI turns it into one line and exit code 2.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import schema from '../../schemas/target.schema.json';
import { nhsNumberProblem } from '../spine/nhs-number';
import { registerSecret } from '../evidence/redact';

export interface PatientData {
  nhsNumber: string;
  expectedOds?: string;
  survivingNhsNumber?: string;
}

export interface Target {
  name: string;
  description?: string;
  pds: { baseUrl: string; timeoutMs?: number; accessToken?: string; endUserOrganisationOds?: string };
  sds: { baseUrl: string; timeoutMs?: number; apiKey: string; lookupInteraction?: string };
  ssp: { baseUrl: string; timeoutMs?: number };
  consumer: {
    asid: string;
    odsCode: string;
    organizationName: string;
    systemUrl: string;
    telecom: string;
    practitioner: { id: string; family: string; given: string[]; prefix?: string[]; sdsUserId: string; sdsRoleProfileId: string; localUserId?: string };
    device: { system: string; value: string; model: string; version: string };
  };
  testData: {
    patients: Record<string, PatientData> & { registered: PatientData };
    slotSearchDays?: number;
    unagreedConsumerAsid?: string;
    /** A free Visit slot of the registered patient's practice: never offered by the slot search, so named here. */
    visitSlot?: { id: string; start: string; end: string };
  };
  simulator?: { fault?: string };
}

export class ConfigError extends Error {
  readonly hop = 'config';
  constructor(
    readonly key: string,
    readonly problem: string,
    readonly source: string,
  ) {
    super(`config: ${source}: ${key || '(root)'}: ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Keys whose values are secrets: they must be references, and their resolved values are redacted everywhere. */
const SECRET_KEYS = new Set(['accessToken', 'apiKey']);

const ajv = new Ajv({ allErrors: false, strict: true });
const validateShape = ajv.compile<Target>(schema);

function pointerToKey(pointer: string): string {
  return pointer.replace(/^\//, '').replace(/\//g, '.');
}

/** Resolves `${VAR}`, `${VAR:-default}` and `file:PATH` in secret-bearing keys. */
function resolveReference(ref: string, key: string, baseDir: string, source: string): string {
  const env = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?\}$/.exec(ref);
  if (env) {
    const value = process.env[env[1]] ?? env[2];
    if (value === undefined || value === '') throw new ConfigError(key, `environment variable ${env[1]} is not set`, source);
    return value;
  }
  const path = resolve(baseDir, ref.slice('file:'.length));
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    // The path may itself be sensitive only in its content; naming the file is safe and helps.
    throw new ConfigError(key, `cannot read secret file ${path}`, source);
  }
}

function resolveSecrets(node: unknown, path: string, baseDir: string, source: string): void {
  if (!node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    const key = path ? `${path}.${k}` : k;
    if (SECRET_KEYS.has(k) && typeof v === 'string') {
      const value = resolveReference(v, key, baseDir, source);
      registerSecret(value);
      (node as Record<string, unknown>)[k] = value;
    } else resolveSecrets(v, key, baseDir, source);
  }
}

/** Checks the parsed document; returns the typed target or throws one ConfigError. */
export function checkTarget(doc: unknown, source: string, baseDir = process.cwd()): Target {
  if (!validateShape(doc)) {
    const e = validateShape.errors![0];
    const extra = e.keyword === 'additionalProperties' ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` : '';
    const allowed = e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
    const problem =
      e.keyword === 'pattern' && /secretRef/.test(e.schemaPath)
        ? 'secrets must be a ${ENV_VAR} or file:PATH reference, not a literal'
        : e.keyword === 'pattern' && /baseUrl/.test(e.schemaPath)
          ? 'must be an absolute http(s) URL with no trailing slash'
          : `${e.message}${extra}${allowed}`;
    throw new ConfigError(pointerToKey(e.instancePath), problem, source);
  }
  const target = structuredClone(doc);
  resolveSecrets(target, '', baseDir, source);
  for (const [role, p] of Object.entries(target.testData.patients)) {
    // The invalid-number role exists precisely to carry a bad check digit.
    if (role.startsWith('invalid')) continue;
    const problem = nhsNumberProblem(p.nhsNumber);
    if (problem) throw new ConfigError(`testData.patients.${role}.nhsNumber`, problem, source);
  }
  return target;
}

export function parseTargetText(text: string, source: string, baseDir?: string): Target {
  let doc: unknown;
  try {
    doc = parseYaml(text, { prettyErrors: false });
  } catch (err) {
    const line = (err as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new ConfigError('', `not valid YAML${line ? ` (line ${line})` : ''}: ${(err as Error).message.split('\n')[0]}`, source);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError('', 'must be a YAML mapping', source);
  return checkTarget(doc, source, baseDir);
}

export function loadTargetFile(path: string): Target {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError('', 'cannot read the target file', path);
  }
  return parseTargetText(text, path, dirname(resolve(path)));
}
