/**
 * What the provider's answers look like on the wire (FMT-*): the format a request negotiates, gzip,
 * Cache-Control on every answer, and weak ETags. Each check names the scenario's FMT-… rule.
 */
import { randomUUID } from 'node:crypto';
import { Then, When } from '@cucumber/cucumber';
import type { Interaction } from '../../support/interactions';
import { send } from '../../support/spine/http';
import { sspAgent } from '../../support/spine/ssp-client';
import { check, expectAnswer } from '../../support/world/checks';
import { throughSsp } from '../../support/world/journey';
import type { GpcWorld } from '../../support/world/world';
import { scenarioRule, sendProbe } from '../common/edge.steps';

/** `-` in a feature's table means "not sent". */
export const given = (value: string) => (value === '-' ? undefined : value);

When(
  'the consumer sends {interaction} with _format {string}, Accept {string} and Content-Type {string}',
  async function (this: GpcWorld, i: Interaction, format: string, accept: string, contentType: string) {
    const _format = given(format);
    // Accept is always sent: without one the HTTP client sends its own default, which prefers JSON.
    await sendProbe(this, i, {
      query: _format && `_format=${encodeURIComponent(_format)}`,
      headers: { Accept: accept, 'Content-Type': given(contentType) ?? null },
    });
  },
);

const FHIR_NS = 'xmlns="http://hl7.org/fhir"';

/** Why a text is not a well-formed FHIR XML resource of this type, or undefined (tags balance, no stray text). */
function fhirXmlProblem(text: string, resourceType: string): string | undefined {
  const body = text.replace(/^\s*<\?xml[^>]*\?>/, '');
  const root = /^\s*<([A-Za-z]+)([^>]*)>/.exec(body);
  if (!root) return `no root element in ${JSON.stringify(text.slice(0, 80))}`;
  if (root[1] !== resourceType) return `root element <${root[1]}>, expected <${resourceType}>`;
  if (!root[2].includes(FHIR_NS)) return `root element without ${FHIR_NS}`;
  const open: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w.-]*)(?:\s[^<>]*?)?(\/?)>|([^<]+)/g;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const [, closing, name, selfClosing, textRun] = m;
    if (textRun !== undefined) {
      if (textRun.trim()) return `text outside any value attribute: ${JSON.stringify(textRun.trim().slice(0, 40))}`;
    } else if (closing) {
      if (open.pop() !== name) return `</${name}> closes the wrong element`;
    } else if (!selfClosing) open.push(name);
  }
  return open.length ? `unclosed <${open.pop()}>` : undefined;
}

const MEDIA_TYPE: Record<string, string> = { JSON: 'application/fhir+json', XML: 'application/fhir+xml' };

interface Served {
  resourceType: string;
  format: string;
  requirement: string;
  /** The success status expected; absent, any 2xx (a booking answers 201, a read 200). */
  status?: number;
  /** The format choice the request made, named in a failure. */
  choice?: string;
}

/** Checks the scenario's answer is `resourceType` served as JSON or as well-formed FHIR XML, blaming `requirement`. */
export function expectServedAs(w: GpcWorld, { resourceType, format, requirement, status, choice }: Served): void {
  const result = w.answer('provider');
  const base = { hop: 'provider' as const, requirement, evidence: result };
  const asked = choice ? ` for ${choice}` : '';
  if (format === 'JSON') {
    expectAnswer(w, result, { ...base, status: status ?? 200, resourceType });
    check(w, !(result.headers['content-type'] ?? '').startsWith(MEDIA_TYPE.XML), {
      ...base,
      expected: `Content-Type ${MEDIA_TYPE.JSON}${asked}`,
      actual: `Content-Type ${result.headers['content-type']}`,
    });
    return;
  }
  const got = result.status ?? 0;
  check(w, status === undefined ? got >= 200 && got < 300 : got === status, {
    ...base,
    expected: status === undefined ? 'a success (HTTP 2xx)' : `HTTP ${status}`,
    actual: `HTTP ${result.status ?? result.transport?.kind}`,
  });
  const contentType = result.headers['content-type'] ?? '';
  check(w, contentType.startsWith(MEDIA_TYPE[format]), {
    ...base,
    expected: `Content-Type ${MEDIA_TYPE[format]}${asked}`,
    actual: `Content-Type ${contentType || 'none'}`,
  });
  const problem = fhirXmlProblem(result.text, resourceType);
  check(w, !problem, { ...base, expected: `a well-formed FHIR XML ${resourceType}${asked}`, actual: problem ?? '' });
}

Then('the provider serves the {word} as {word}', function (this: GpcWorld, resourceType: string, format: string) {
  expectServedAs(this, { resourceType, format, requirement: scenarioRule(this), status: 200 });
});

/**
 * The request goes once as usual (recorded, checked) and once more with the same headers, a fresh trace ID and
 * Accept-Encoding: gzip, to read the encoding the provider chose. The second goes through the same client and
 * TLS agent as every SSP request (a real SSP wants the client certificate); it decodes the body and keeps the
 * Content-Encoding header. Both are evidence.
 */
When(
  'the consumer sends {interaction} through the SSP accepting gzip',
  async function (this: GpcWorld, i: Interaction) {
    const first = await throughSsp(this, i);
    const { url, headers } = first.exchange.request;
    const sent = { ...headers, 'Ssp-TraceID': randomUUID(), 'Accept-Encoding': 'gzip' };
    const raw = await send(this.evidence, {
      hop: 'ssp',
      interaction: i.name,
      method: 'GET',
      url,
      headers: sent,
      timeoutMs: this.target.ssp.timeoutMs ?? 10_000,
      agent: sspAgent(this.target),
    });
    this.remember('provider', raw);
  },
);

/** Checks the scenario's answer came with Content-Encoding gzip, blaming `requirement`. */
export function expectGzip(w: GpcWorld, requirement: string): void {
  const result = w.answer('provider');
  const encoding = result.headers['content-encoding'];
  check(w, encoding === 'gzip', {
    requirement,
    evidence: result,
    expected: 'Content-Encoding: gzip',
    actual: encoding ? `Content-Encoding: ${encoding}` : 'no Content-Encoding',
  });
}

Then('the answer came gzip-compressed', function (this: GpcWorld) {
  expectGzip(this, scenarioRule(this));
});

Then('the answer carries a weak ETag', function (this: GpcWorld) {
  const result = this.answer('provider');
  const etag = result.headers['etag'];
  check(this, /^W\/"[^"]+"$/.test(etag ?? ''), {
    requirement: scenarioRule(this),
    evidence: result,
    expected: 'ETag: W/"<versionId>"',
    actual: etag ? `ETag: ${etag}` : 'no ETag',
  });
});

Then('every answer from the provider carries Cache-Control no-store', function (this: GpcWorld) {
  const answers = this.evidence.exchanges.flatMap((e) =>
    e.hop === 'ssp' && e.response ? [{ seq: e.seq, response: e.response }] : [],
  );
  check(this, answers.length > 0, {
    requirement: scenarioRule(this),
    expected: 'at least one provider answer',
    actual: 'none',
  });
  for (const { response, seq } of answers) {
    const value = response.headers['cache-control'];
    check(this, /(^|,)\s*no-store\s*(,|$)/.test(value ?? ''), {
      requirement: scenarioRule(this),
      expected: `Cache-Control: no-store on every answer (HTTP ${response.status} too)`,
      actual: `${value ? `Cache-Control: ${value}` : 'no Cache-Control'} [evidence #${seq}]`,
    });
  }
});
