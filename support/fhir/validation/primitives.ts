/**
 * FHIR STU3 primitive types as data: the JSON type each must have and the regular expression from the
 * specification (http://hl7.org/fhir/STU3/datatypes.html), anchored.
 */
const DATE = '-?[0-9]{4}(-(0[1-9]|1[0-2])(-(0[0-9]|[1-2][0-9]|3[0-1]))?)?';
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?';
const ZONE = '(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))';

interface PrimitiveRule {
  json: 'string' | 'number' | 'boolean';
  regex?: RegExp;
  integer?: boolean;
  min?: number;
}

const anchored = (source: string) => new RegExp(`^(?:${source})$`);

const PRIMITIVES: Record<string, PrimitiveRule> = {
  boolean: { json: 'boolean' },
  integer: { json: 'number', integer: true },
  unsignedInt: { json: 'number', integer: true, min: 0 },
  positiveInt: { json: 'number', integer: true, min: 1 },
  decimal: { json: 'number' },
  string: { json: 'string', regex: /^[\s\S]+$/ },
  markdown: { json: 'string', regex: /^\s*(\S|\s)*$/ },
  xhtml: { json: 'string' },
  uri: { json: 'string', regex: /^\S*$/ },
  uuid: { json: 'string', regex: /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/ },
  oid: { json: 'string', regex: /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/ },
  id: { json: 'string', regex: /^[A-Za-z0-9\-.]{1,64}$/ },
  code: { json: 'string', regex: /^[^\s]+([\s]?[^\s]+)*$/ },
  base64Binary: { json: 'string', regex: /^(\s*([0-9a-zA-Z+=/]){4}\s*)+$/ },
  date: { json: 'string', regex: anchored(DATE) },
  // STU3: a time, when present, needs a full date and a zone.
  dateTime: {
    json: 'string',
    regex: anchored(`-?[0-9]{4}(-(0[1-9]|1[0-2])(-(0[0-9]|[1-2][0-9]|3[0-1])(T${TIME}${ZONE})?)?)?`),
  },
  instant: { json: 'string', regex: anchored(`[0-9]{4}-(0[1-9]|1[0-2])-(0[0-9]|[1-2][0-9]|3[0-1])T${TIME}${ZONE}`) },
  time: { json: 'string', regex: anchored(TIME) },
};

/** Why a JSON value is not a valid instance of the primitive type, or undefined when it is. */
export function primitiveProblem(type: string, value: unknown): string | undefined {
  const rule = PRIMITIVES[type];
  if (!rule) return undefined;
  if (typeof value !== rule.json) return `expected a JSON ${rule.json} for ${type}, got ${JSON.stringify(value)}`;
  if (rule.integer && !Number.isInteger(value)) return `${value} is not an integer`;
  if (rule.min !== undefined && (value as number) < rule.min) return `${value} is below ${rule.min} for ${type}`;
  if (rule.regex && !rule.regex.test(value as string)) return `${JSON.stringify(value)} is not a valid ${type}`;
  return undefined;
}
