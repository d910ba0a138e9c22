/**
 * Reads a $gpc.getstructuredrecord Parameters body against the operation table ('Retrieve a patient record') into the query
 * the record builder answers, or refuses it with the status and Spine code §5.8 gives. Names the table does
 * not know are not errors: they come back as `unrecognised` for the OperationOutcome warning.
 */
import {
  AREA_PARAMETERS,
  FILTER_EXCLUSIVE_AREAS,
  VALUE_KEY,
  type AreaParameter,
  type ClinicalArea,
  type PartRule,
} from '../../../gpconnect/structured-operation';
import { nhsNumberProblem } from '../../../spine/nhs-number';
import { SYS } from '../../../spine/systems';
import { GpcError } from '../outcomes';
import { SPINE } from '../../../domain/spine-codes';

type Json = Record<string, unknown>;
export type PartValue = boolean | string | number | { start?: string; end?: string };

export interface StructuredQuery {
  nhsNumber: string;
  /** Each requested area with the parts sent (absent parts take the operation's defaults). */
  areas: Map<ClinicalArea, Record<string, PartValue>>;
  /** `name` or `parent.part`, in the order met ('Retrieve a patient record': one warning issue each). */
  unrecognised: string[];
}

/** How this provider reads: strictly, or wrong in one of the ways the ARS fault modes name. */
export interface ReadingRules {
  today: string;
  /** Fault provider-ars-lenient-parameters: INVALID_PARAMETER checks on part values are skipped. */
  lenient?: boolean;
}

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const invalidParameter = (problem: string) => new GpcError(422, SPINE.INVALID_PARAMETER, problem);
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** An INVALID_PARAMETER refusal, unless the provider is lenient about part values. */
function refuse(r: ReadingRules, problem: string): void {
  if (!r.lenient) throw invalidParameter(problem);
}

/** A full date, not after (or not before) today, as the rule asks. */
function checkDate(where: string, value: unknown, rule: PartRule, r: ReadingRules): string {
  if (typeof value !== 'string' || !FULL_DATE.test(value)) throw invalidParameter(`${where} must be a full date`);
  if (rule.notFuture && value > r.today) refuse(r, `${where} ${value} is in the future`);
  if (rule.notPast && value < r.today) refuse(r, `${where} ${value} is in the past`);
  return value;
}

function partValue(where: string, part: Json, rule: PartRule, r: ReadingRules): PartValue {
  const value = part[VALUE_KEY[rule.type]];
  if (value === undefined) throw invalidParameter(`${where} has no ${VALUE_KEY[rule.type]}`);
  switch (rule.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw invalidParameter(`${where} must be a boolean`);
      return value;
    case 'positiveInt':
      if (!Number.isInteger(value) || (value as number) < 1)
        throw invalidParameter(`${where} must be a positive integer`);
      return value as number;
    case 'code':
      if (typeof value !== 'string' || !rule.codes?.includes(value))
        throw invalidParameter(`${where} ${JSON.stringify(value)} is not one of ${rule.codes?.join(', ')}`);
      return value;
    case 'date':
      return checkDate(where, value, rule, r);
    case 'Period': {
      if (!isObject(value)) throw invalidParameter(`${where} must be a Period`);
      const start = value.start === undefined ? undefined : checkDate(`${where}.start`, value.start, rule, r);
      const end = value.end === undefined ? undefined : checkDate(`${where}.end`, value.end, { type: 'date' }, r);
      if (start === undefined && end === undefined) throw invalidParameter(`${where} has neither start nor end`);
      if (start && end && start > end) refuse(r, `${where} starts (${start}) after it ends (${end})`);
      return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
    }
  }
}

function readArea(p: AreaParameter, parameter: Json, query: StructuredQuery, r: ReadingRules): void {
  const parts: Record<string, PartValue> = {};
  const sent = parameter.part === undefined ? [] : parameter.part;
  if (!Array.isArray(sent)) throw new GpcError(422, SPINE.INVALID_RESOURCE, `${p.name}.part must be an array`);
  for (const part of sent) {
    const name = isObject(part) ? part.name : undefined;
    if (typeof name !== 'string') throw new GpcError(422, SPINE.INVALID_RESOURCE, `a part of ${p.name} has no name`);
    const rule = p.parts[name];
    if (!rule) query.unrecognised.push(`${p.name}.${name}`);
    else parts[name] = partValue(`${p.name}.${name}`, part as Json, rule, r);
  }
  for (const [name, rule] of Object.entries(p.parts))
    if (rule.required && parts[name] === undefined) refuse(r, `${p.name} needs its part ${name}`);
  if (p.exclusive && p.exclusive.every((name) => parts[name] !== undefined))
    throw new GpcError(422, SPINE.INVALID_RESOURCE, `${p.exclusive.join(' and ')} must not be sent together`);
  query.areas.set(p.area, { ...query.areas.get(p.area), ...parts });
}

function readNhsNumber(parameter: Json | undefined): string {
  if (!parameter) throw invalidParameter('patientNHSNumber is missing');
  const identifier = parameter.valueIdentifier;
  if (!isObject(identifier)) throw invalidParameter('patientNHSNumber has no valueIdentifier');
  if (identifier.system !== SYS.nhsNumber)
    throw new GpcError(400, SPINE.INVALID_IDENTIFIER_SYSTEM, `patientNHSNumber system must be ${SYS.nhsNumber}`);
  const value = String(identifier.value ?? '');
  const problem = nhsNumberProblem(value);
  if (problem) throw new GpcError(400, SPINE.INVALID_NHS_NUMBER, problem);
  return value;
}

/** With consultations or problems asked for, no other area may carry its filtering parts ('Retrieve a patient record'). */
function checkCombination(query: StructuredQuery, r: ReadingRules): void {
  if (!FILTER_EXCLUSIVE_AREAS.some((a) => query.areas.has(a))) return;
  for (const p of AREA_PARAMETERS) {
    if (FILTER_EXCLUSIVE_AREAS.includes(p.area)) continue;
    const filters = Object.keys(query.areas.get(p.area) ?? {}).filter((name) => p.parts[name]?.type !== 'boolean');
    if (filters.length)
      refuse(
        r,
        `${p.name}.${filters[0]} must not be sent with ${FILTER_EXCLUSIVE_AREAS.filter((a) => query.areas.has(a)).join(' or ')}`,
      );
  }
}

/** A request body's Parameters.parameter entries, or 422 INVALID_RESOURCE when it is no Parameters. */
export function parametersOf(body: string): Json[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new GpcError(422, SPINE.INVALID_RESOURCE, 'the body is not JSON');
  }
  if (!isObject(parsed) || parsed.resourceType !== 'Parameters' || !Array.isArray(parsed.parameter))
    throw new GpcError(422, SPINE.INVALID_RESOURCE, 'the body is not a Parameters resource with parameters');
  return parsed.parameter.filter(isObject);
}

export function readStructuredQuery(body: string, r: ReadingRules): StructuredQuery {
  const parameters = parametersOf(body);
  const query: StructuredQuery = {
    nhsNumber: readNhsNumber(parameters.find((p) => p.name === 'patientNHSNumber')),
    areas: new Map(),
    unrecognised: [],
  };
  for (const parameter of parameters) {
    if (parameter.name === 'patientNHSNumber') continue;
    const p = AREA_PARAMETERS.find((x) => x.name === parameter.name);
    if (p) readArea(p, parameter, query, r);
    else query.unrecognised.push(String(parameter.name));
  }
  if (query.areas.size === 0) throw invalidParameter('no recognised clinical area parameter was sent');
  checkCombination(query, r);
  return query;
}
