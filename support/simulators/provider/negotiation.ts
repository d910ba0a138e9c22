/**
 * How the embedded provider writes every answer ('Content types, compression and caching', 'Error handling'; the ANSWER_RULES of jwt-rules.ts): the
 * format the request chose (`_format`, else `Accept`, else `Content-Type`, else JSON), FHIR JSON or XML,
 * gzip when asked for, `Cache-Control: no-store` always, a weak ETag on reads, and errors as
 * GPConnect-OperationOutcome-1. Each `provider-lenient-FMT-…` fault switches one of these off.
 */
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { interactionById } from '../../interactions';
import { ANSWER_RULES } from '../../jwt/jwt-rules';
import { FHIR_JSON_UTF8 } from '../../spine/systems';
import type { Faults } from '../faults';
import { type SimRequest, type SimResponse } from '../http-kit';
import { gpcOutcome } from '../operation-outcomes';
import { SPINE } from '../../domain/spine-codes';

export type Format = 'json' | 'xml';

/**
 * The answer rules this provider keeps: all of ANSWER_RULES, less any a lenient fault takes out (on the request's
 * interaction, named by its Ssp-InteractionID, for a fault lenient on one interaction only).
 */
export const answerRules = (faults: Faults, req?: SimRequest) =>
  faults.apply('provider.answer-rules', new Set(ANSWER_RULES.map((r) => r.id)), {
    interaction: interactionById(req?.headers['ssp-interactionid'] ?? '')?.name,
  });

const CONTENT_TYPE: Record<Format, string> = { json: FHIR_JSON_UTF8, xml: 'application/fhir+xml;charset=utf-8' };

/** The names a client may use for each format, in `_format` or as a media type (FHIR STU3 http). */
const FORMAT_NAMES: Record<string, Format> = {
  json: 'json',
  'application/json': 'json',
  'application/fhir+json': 'json',
  'application/json+fhir': 'json',
  xml: 'xml',
  'text/xml': 'xml',
  'application/xml': 'xml',
  'application/fhir+xml': 'xml',
  'application/xml+fhir': 'xml',
};

/** Media ranges that state no preference: the next source decides. */
const ANY = new Set(['*/*', 'application/*']);

const mediaTypes = (value: string) =>
  value
    .split(',')
    .map((part) => part.split(';')[0].trim().toLowerCase())
    .filter(Boolean);

type Choice = { format: Format } | { unsupported: string } | undefined;

/** What one source (a `_format` value, an Accept or a Content-Type header) says, if anything. */
function chooseFrom(value: string | null | undefined): Choice {
  if (!value) return undefined;
  const types = mediaTypes(value);
  const known = types.map((t) => FORMAT_NAMES[t]).find(Boolean);
  if (known) return { format: known };
  return types.every((t) => ANY.has(t)) ? undefined : { unsupported: value };
}

/** The format a request asks for, or the media type it named that the provider cannot serve (→ 415). */
export function negotiate(req: SimRequest, faults: Faults): { format: Format } | { unsupported: string } {
  // The request's own interaction: a fault lenient on one interaction only negotiates there as a lenient provider.
  const keeps = answerRules(faults, req);
  // A provider that ignores negotiation answers JSON whatever was asked.
  if (!keeps.has('FMT-NEGOTIATE')) return { format: 'json' };
  const choice = chooseFrom(req.query.get('_format')) ??
    chooseFrom(req.headers['accept']) ??
    chooseFrom(req.headers['content-type']) ?? { format: 'json' };
  if ('unsupported' in choice && !keeps.has('FMT-415')) return { format: 'json' };
  return choice;
}

export const unsupportedMediaType = (mediaType: string): SimResponse =>
  gpcOutcome(
    415,
    SPINE.UNSUPPORTED_MEDIA_TYPE,
    'Unsupported media type',
    `${mediaType} is neither FHIR JSON nor FHIR XML`,
    'not-supported',
  );

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const isResource = (v: object): v is { resourceType: string } =>
  typeof (v as { resourceType?: unknown }).resourceType === 'string';

/**
 * FHIR XML from FHIR JSON (STU3 xml.html): primitives as `value` attributes, arrays as repeated elements,
 * nested resources wrapped in their type, element ids and extension urls as attributes. Property order is
 * the JSON's, which the simulator's resources keep in FHIR order.
 */
function xmlNode(name: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => xmlNode(name, item)).join('');
  if (typeof value !== 'object') return `<${name} value="${escapeXml(String(value))}"/>`;
  if (isResource(value)) return `<${name}>${xmlResource(value)}</${name}>`;
  let attributes = '';
  let children = '';
  for (const [key, v] of Object.entries(value)) {
    const asAttribute = typeof v === 'string' && (key === 'id' || (key === 'url' && /extension$/i.test(name)));
    if (asAttribute) attributes += ` ${key}="${escapeXml(v)}"`;
    else if (!key.startsWith('_')) children += xmlNode(key, v);
  }
  return `<${name}${attributes}>${children}</${name}>`;
}

function xmlResource(resource: { resourceType: string }, namespace = ''): string {
  const children = Object.entries(resource).map(([key, v]) =>
    key === 'resourceType' || key.startsWith('_') ? '' : xmlNode(key, v),
  );
  return `<${resource.resourceType}${namespace}>${children.join('')}</${resource.resourceType}>`;
}

export function fhirXml(resource: { resourceType: string }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${xmlResource(resource, ' xmlns="http://hl7.org/fhir"')}`;
}

type Body = Record<string, unknown> & { resourceType?: string };

/** A weak ETag for a read: one resource answered to a GET, versioned by meta.versionId (else 1). */
function etagFor(req: SimRequest, answer: SimResponse): string | undefined {
  const body = answer.body as Body | undefined;
  if (req.method !== 'GET' || answer.status !== 200 || !body || body.resourceType === 'Bundle') return undefined;
  // The CapabilityStatement carries no versionId; the simulator serves version 1 of it.
  return `W/"${(body.meta as { versionId?: string } | undefined)?.versionId ?? '1'}"`;
}

/** An error body stripped of its GP Connect profile: what a provider with generic error handling sends. */
function genericOutcome(body: Body): Body {
  const { meta: _dropped, ...rest } = body;
  return rest;
}

/** Writes a provider answer per the answer rules, switching off the one a lenient fault names. */
export function writeAnswer(
  res: ServerResponse,
  req: SimRequest,
  answer: SimResponse,
  format: Format,
  faults: Faults,
): void {
  const keeps = answerRules(faults, req);
  const lenient = (id: string) => !keeps.has(id);
  let body = answer.body as Body | undefined;
  if (body && answer.status >= 400 && lenient('FMT-ERROR-OUTCOME')) body = genericOutcome(body);
  const headers: Record<string, string> = {};
  if (!lenient('FMT-NO-STORE')) headers['Cache-Control'] = 'no-store';
  const etag = etagFor(req, answer);
  if (etag && !lenient('FMT-ETAG')) headers['ETag'] = etag;
  let text = answer.rawBody ?? '';
  if (body && answer.rawBody === undefined) {
    text = format === 'xml' && isResource(body) ? fhirXml(body) : JSON.stringify(body);
    headers['Content-Type'] = CONTENT_TYPE[format];
  }
  Object.assign(headers, answer.headers);
  let bytes = Buffer.from(text, 'utf8');
  if (/\bgzip\b/i.test(req.headers['accept-encoding'] ?? '') && !lenient('FMT-GZIP')) {
    bytes = gzipSync(bytes);
    headers['Content-Encoding'] = 'gzip';
    headers['Vary'] = 'Accept-Encoding';
  }
  res.writeHead(answer.status, { ...headers, 'Content-Length': String(bytes.length) });
  res.end(bytes);
}
