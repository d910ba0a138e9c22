/**
 * The search documents query (DOC-FILTER, DOC-INCLUDES, DOC-AUTHOR-ODS; the 1.6.2 search page): the
 * mandatory _include and _revinclude parameters, and the optional created (ge/le), facility, author, type
 * and description filters. The provider refuses a wrong one (422 INVALID_PARAMETER naming the parameter);
 * the harness reads the same rules to build its searches and to judge what came back.
 */
import { SYS } from '../spine/systems';

/** A query the search page's rules refuse; the message names the parameter. */
export class DocumentQueryError extends Error {
  override name = 'DocumentQueryError';
}
const invalidParameter = (problem: string) => new DocumentQueryError(problem);

/** What a consumer MUST send to keep the number of calls down (search page, _include parameters). */
export const MANDATORY_INCLUDES = [
  ['_include', 'DocumentReference:subject:Patient'],
  ['_include', 'DocumentReference:custodian:Organization'],
  ['_include', 'DocumentReference:author:Organization'],
  ['_include', 'DocumentReference:author:Practitioner'],
  ['_revinclude:recurse', 'PractitionerRole:practitioner'],
] as const;

export const DOCUMENT_SEARCH_PARAMETERS = ['created', 'facility', 'author', 'type', 'description'] as const;

export interface Token {
  system?: string;
  code: string;
}

export interface DocumentQuery {
  /** Inclusive bounds on created (or indexed), as ISO date or dateTime prefixes. */
  from?: string;
  to?: string;
  facility?: Token;
  authorOds?: string;
  type?: Token;
  description?: string;
}

/** The query string of a search with the mandatory includes and `extra` (`created=ge2022-01-01&type=…`). */
export function documentSearchQuery(extra = ''): string {
  const includes = MANDATORY_INCLUDES.map(([n, v]) => `${n}=${encodeURIComponent(v)}`).join('&');
  return extra ? `${includes}&${extra}` : includes;
}

export interface QueryReading {
  /** Refuse a search without the mandatory includes (else: tolerate it). */
  requireIncludes: boolean;
  /** Refuse an author that is not an ODS code (else: match on the value alone). */
  checkAuthor: boolean;
}

const DATE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

function token(name: string, value: string): Token {
  const bar = value.indexOf('|');
  const code = bar < 0 ? value : value.slice(bar + 1);
  if (!code) throw invalidParameter(`${name}=${value} has no code`);
  return bar < 0 ? { code } : { system: value.slice(0, bar) || undefined, code };
}

function createdBounds(values: readonly string[]): Pick<DocumentQuery, 'from' | 'to'> {
  const bounds: Pick<DocumentQuery, 'from' | 'to'> = {};
  for (const value of values) {
    const prefix = value.slice(0, 2);
    const date = value.slice(2);
    if ((prefix !== 'ge' && prefix !== 'le') || !DATE.test(date))
      throw invalidParameter(`created=${value} is not ge or le followed by a date (search page, created)`);
    const bound = prefix === 'ge' ? 'from' : 'to';
    if (bounds[bound]) throw invalidParameter(`created has more than one ${prefix} bound`);
    bounds[bound] = date;
  }
  if (bounds.from && bounds.to && bounds.from > bounds.to)
    throw invalidParameter(`created ge${bounds.from} is after le${bounds.to}`);
  return bounds;
}

export function readDocumentQuery(query: URLSearchParams, reading: QueryReading): DocumentQuery {
  if (reading.requireIncludes) {
    const missing = MANDATORY_INCLUDES.filter(([name, value]) => !query.getAll(name).includes(value));
    if (missing.length)
      throw invalidParameter(`the mandatory ${missing.map(([n, v]) => `${n}=${v}`).join(', ')} are missing`);
  }
  const one = (name: string) => {
    const values = query.getAll(name);
    if (values.length > 1) throw invalidParameter(`${name} is given ${values.length} times`);
    return values[0];
  };
  const out: DocumentQuery = createdBounds(query.getAll('created'));
  const facility = one('facility');
  if (facility !== undefined) out.facility = token('facility', facility);
  const type = one('type');
  if (type !== undefined) out.type = token('type', type);
  const description = one('description');
  if (description !== undefined) out.description = description;
  const author = one('author');
  if (author !== undefined) {
    const t = token('author', author);
    if (reading.checkAuthor && t.system !== SYS.odsOrg)
      throw invalidParameter(`author=${author} is not an ODS code (${SYS.odsOrg}|<ODS code>)`);
    out.authorOds = t.code;
  }
  return out;
}

/** FHIR date comparison by prefix: a bound of 2021 covers all of 2021 (the value is cut to the bound's precision). */
const atPrecision = (value: string, bound: string) => value.slice(0, bound.length);

export interface Searchable {
  created?: string;
  indexed: string;
  authorOds: string;
  description: string;
  type: Token;
  practiceSetting: Token;
}

const tokenMatches = (asked: Token, held: Token) =>
  asked.code === held.code && (asked.system === undefined || asked.system === held.system);

/** Whether a document answers the query; created falls back to indexed (search page, Payload response body). */
export function matches(d: Searchable, q: DocumentQuery): boolean {
  const when = d.created ?? d.indexed;
  if (q.from && atPrecision(when, q.from) < q.from) return false;
  if (q.to && atPrecision(when, q.to) > q.to) return false;
  if (q.facility && !tokenMatches(q.facility, d.practiceSetting)) return false;
  if (q.type && !tokenMatches(q.type, d.type)) return false;
  if (q.authorOds && q.authorOds !== d.authorOds) return false;
  if (q.description && !d.description.toLowerCase().startsWith(q.description.toLowerCase())) return false;
  return true;
}
