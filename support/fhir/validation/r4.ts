/**
 * FHIR R4 payloads from PDS and SDS, validated with ajv against the JSON Schemas the generator extracted
 * from their OpenAPI specifications. Each schema compiles on first use only.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats, { type FormatName } from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Rule, ValidationIssue } from './types';

const R4_SCHEMAS = resolve(__dirname, '..', '..', '..', 'schemas', 'r4');

/** Schema for a body by resourceType (a Bundle by what it holds), when no schema name is given. */
const SCHEMA_BY_TYPE: Record<string, string> = {
  Patient: 'pds-patient',
  'Bundle:Patient': 'pds-patient-search',
  Coverage: 'pds-coverage',
  'Bundle:Coverage': 'pds-coverage-search',
  OperationOutcome: 'pds-operation-outcome',
  Endpoint: 'sds-endpoint',
  Device: 'sds-device',
  'Bundle:Endpoint': 'sds-endpoint-bundle',
  'Bundle:Device': 'sds-device-bundle',
};

/** ajv keyword → the validator's rule vocabulary. */
const RULE_OF_KEYWORD: Record<string, Rule> = {
  required: 'cardinality',
  minItems: 'cardinality',
  maxItems: 'cardinality',
  additionalProperties: 'unknown-element',
  type: 'type',
  format: 'type',
  enum: 'binding',
  const: 'fixed',
  pattern: 'pattern',
  maxLength: 'type',
  minLength: 'type',
};

let ajv: Ajv | undefined;
const compiled = new Map<string, { validate: ValidateFunction; source: string; version: string | null }>();

function schema(name: string) {
  let entry = compiled.get(name);
  if (!entry) {
    if (!ajv) {
      ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
      for (const [alias, format] of Object.entries(FORMAT_ALIASES)) ajv.addFormat(alias, addFormats.get(format));
    }
    const artefact = JSON.parse(readFileSync(join(R4_SCHEMAS, `${name}.json`), 'utf8'));
    entry = {
      validate: ajv.compile(artefact.schema),
      source: artefact.provenance.source,
      version: artefact.provenance.version,
    };
    compiled.set(name, entry);
  }
  return entry;
}

/** Schemas a body is only held to when asked by name: a request body has the resourceType of an answer. */
const BY_NAME_ONLY = ['pds-patient-create', 'pds-patient-patch'];

/** Format names PDS's OpenAPI writes, aliased to the ajv-formats ones they mean. */
const FORMAT_ALIASES: Record<string, FormatName> = { datetime: 'date-time', jsonpointer: 'json-pointer' };

function r4SchemaNames(): string[] {
  return [...new Set([...Object.values(SCHEMA_BY_TYPE), ...BY_NAME_ONLY])];
}

function schemaFor(resource: Record<string, unknown>): string | undefined {
  const type = String(resource.resourceType);
  const entries = Array.isArray(resource.entry) ? resource.entry : [];
  const held = (entries[0] as { resource?: { resourceType?: string } } | undefined)?.resource?.resourceType;
  return SCHEMA_BY_TYPE[type === 'Bundle' ? `Bundle:${held ?? 'Endpoint'}` : type];
}

/** `/identifier/0/system` under `Patient` → `Patient.identifier[0].system`. */
function location(root: string, error: ErrorObject): string {
  const parts = error.instancePath.split('/').slice(1);
  const path = parts.reduce((at, part) => (/^\d+$/.test(part) ? `${at}[${part}]` : `${at}.${part}`), root);
  const missing =
    error.keyword === 'required' ? `.${(error.params as { missingProperty: string }).missingProperty}` : '';
  const extra =
    error.keyword === 'additionalProperties'
      ? `.${(error.params as { additionalProperty: string }).additionalProperty}`
      : '';
  return `${path}${missing}${extra}`;
}

export function validateR4(resource: unknown, schemaName?: string): ValidationIssue[] {
  if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) {
    return [{ severity: 'error', location: '', rule: 'type', message: 'a resource must be a JSON object' }];
  }
  const node = resource as Record<string, unknown>;
  const name = schemaName ?? schemaFor(node);
  const root = String(node.resourceType ?? 'Resource');
  if (!name || !r4SchemaNames().includes(name)) {
    return [
      {
        severity: 'error',
        location: root,
        rule: 'profile',
        message: `no R4 schema for ${schemaName ?? root}; known: ${r4SchemaNames().join(', ')}`,
      },
    ];
  }
  const { validate, source, version } = schema(name);
  if (validate(node)) return [];
  return (validate.errors ?? []).map((error) => ({
    severity: 'error',
    location: location(root, error),
    profile: source,
    profileVersion: version ?? undefined,
    rule: RULE_OF_KEYWORD[error.keyword] ?? 'type',
    message: error.message ?? error.keyword,
  }));
}
