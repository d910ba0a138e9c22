/**
 * A FHIR Binary in the evidence (issue 15, point 6): the document's bytes are never kept inline, only what
 * identifies them: the content type, the decoded size and the sha256 of the decoded bytes. Evidence stays a
 * few hundred bytes per retrieve however large the document, and the HTML report shows the same three facts.
 */
import { createHash } from 'node:crypto';

export interface BinarySummary {
  contentType: string;
  bytes: number;
  sha256: string;
}

/** What stands in the evidence for the base64 content. */
export const omittedContent = (s: BinarySummary) =>
  `[${s.bytes} bytes of ${s.contentType} omitted from the evidence; sha256 ${s.sha256}]`;

/**
 * The Binary a response body holds, summarised, with the body to keep in its place; undefined for anything
 * else. The base64 value is decoded from a slice of the body (V8 slices without copying) and the rest is
 * parsed without it, so summarising a large document costs its decoded bytes (outside the JS heap), not a
 * second copy of the body.
 */
export function summariseBinary(text: string): { summary: BinarySummary; body: string } | undefined {
  // Cheap test first: only a body naming Binary is looked at further.
  if (!text.includes('"Binary"')) return undefined;
  const key = /"content"\s*:\s*"/.exec(text);
  const end = key ? text.indexOf('"', key.index + key[0].length) : -1;
  if (!key || end < 0) return undefined;
  const start = key.index + key[0].length;
  let rest: { resourceType?: unknown; contentType?: unknown };
  try {
    rest = JSON.parse(`${text.slice(0, start)}${text.slice(end)}`) as typeof rest;
  } catch {
    return undefined;
  }
  if (rest?.resourceType !== 'Binary') return undefined;
  // JSON may escape "/" as "\/": the base64 decoder skips the backslash, as it skips any non-alphabet byte.
  const bytes = Buffer.from(text.slice(start, end), 'base64');
  const summary = {
    contentType: typeof rest.contentType === 'string' ? rest.contentType : '(none)',
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  return { summary, body: JSON.stringify({ ...rest, content: omittedContent(summary) }) };
}
