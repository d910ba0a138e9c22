/**
 * How a check fails: with the hop, the requirement, what was expected, what came, and which exchange is the
 * evidence. The record is kept on the World (for the reports) and thrown (for Cucumber).
 */
import type { FailureRecord } from '../evidence/types';
import { parseJson, type HttpResult, type JsonBody } from '../spine/http';
import { hopOfSspAnswer } from '../spine/ssp-client';
import { requirement as catalogue, expectedAnswer, hopOf } from '../domain/catalogue';
import type { Hop } from '../domain/hop';
import { redactText } from '../evidence/redact';
import type { GpcWorld } from './world';

export class CheckFailure extends Error {
  // Cucumber reports an error's type as its constructor's name, and Allure calls a step "failed" (the
  // system under test is wrong) rather than "broken" (the test itself crashed) only when that name
  // matches /assert/. A conformance check is an assertion, so it says so.
  static {
    Object.defineProperty(this, 'name', { value: 'ConformanceAssertionError' });
  }
  constructor(readonly record: FailureRecord) {
    super(record.message);
    this.name = 'CheckFailure';
  }
}

export const HOP_LABEL: Record<Hop, string> = {
  pds: 'PDS',
  sds: 'SDS',
  ssp: 'SSP',
  provider: 'provider',
  config: 'config',
};

export function describeExchange(result: HttpResult | undefined): string {
  if (!result) return '';
  const e = result.exchange;
  const outcome = e.transportError ? e.transportError.kind : String(e.response?.status);
  return ` [evidence #${e.seq}: ${e.request.method} ${e.request.url} → ${outcome}]`;
}

export interface FailInput {
  /**
   * Whom the failure blames, only where that is not the requirement's own hop (the catalogue's): a check
   * that blames the SSP for a refusal it wrote, a transport failure, the target file.
   */
  hop?: Hop;
  requirement?: string;
  expected: string;
  actual: string;
  evidence?: HttpResult;
  kind?: string;
}

/** The hop a failure blames: the one a check names, else its requirement's, else the scenario's @hop: tag. */
export const blamedHop = (world: GpcWorld, hop: Hop | undefined, requirement: string | undefined): Hop =>
  hop ?? hopOf(requirement ?? world.requirement) ?? world.declaredHop;

export function fail(world: GpcWorld, f: FailInput): never {
  const requirement = f.requirement ?? world.requirement;
  const hop = blamedHop(world, f.hop, requirement);
  const text = catalogue(requirement)?.text;
  // A named kind (timeout, html-error-page, …) goes first after the hop: it is what a reader scans for.
  const kind = f.kind && f.kind !== 'check' ? ` ${f.kind}` : '';
  const message = redactText(
    `[${HOP_LABEL[hop]}]${kind} ${requirement}${text ? ` (${text})` : ''}: expected ${f.expected}, got ${f.actual}${describeExchange(f.evidence)}`,
  );
  const record: FailureRecord = {
    hop,
    requirement,
    message,
    expected: f.expected,
    actual: redactText(f.actual),
    exchange: f.evidence?.exchange.seq,
    kind: f.kind ?? 'check',
  };
  // The first failure is the one that matters; later ones are consequences.
  world.failure ??= record;
  throw new CheckFailure(record);
}

export function check(world: GpcWorld, ok: boolean, f: FailInput): asserts ok {
  if (!ok) fail(world, f);
}

/** Statuses only a gateway (the SSP, or whatever stands in front of it) writes itself. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);
/** The SSP's own words for "the provider did not answer": the provider is to blame, not the SSP. */
const SSP_RELAY_FAILURES: [RegExp, string][] = [
  [/TIMEOUT_WAITING_FOR_ENDPOINT_URL/, 'timeout'],
  [new RegExp(expectedAnswer('SSP-UNREACHABLE').names ?? '(?!)'), 'provider-unreachable'],
];

const relayFailureKind = (result: HttpResult) =>
  result.status !== undefined && GATEWAY_STATUSES.has(result.status)
    ? SSP_RELAY_FAILURES.find(([re]) => re.test(result.text))?.[1]
    : undefined;

/**
 * The hop to blame, decided by who wrote the status line. A provider answer that is really a Spine refusal
 * is the SSP's; so is a transport failure before any status line, or a gateway status. A body that fails
 * after a relayed status line is the provider's, as is the SSP saying it could not reach the provider.
 * When an SSP refusal was the expectation and did not come, the SSP let the request through: still the SSP.
 */
export function answeringHop(hop: Hop, result: HttpResult): Hop {
  if (hop !== 'provider') return hop;
  if (relayFailureKind(result)) return 'provider';
  if (result.status === undefined) return 'ssp';
  if (GATEWAY_STATUSES.has(result.status)) return 'ssp';
  return result.transport ? 'provider' : hopOfSspAnswer(result);
}

function outcomeText(body: unknown): string {
  const issue = (
    body as { resourceType?: string; issue?: { details?: { coding?: { code?: string }[] }; diagnostics?: string }[] }
  )?.issue?.[0];
  if ((body as { resourceType?: string })?.resourceType !== 'OperationOutcome' || !issue) return '';
  return ` (${[issue.details?.coding?.[0]?.code, issue.diagnostics].filter(Boolean).join(': ')})`;
}

export interface AnswerExpectation {
  /** Only where it is not the requirement's own hop (see FailInput.hop). */
  hop?: Hop;
  requirement?: string;
  status: number;
  resourceType?: string;
  /**
   * With hop provider, an error answer must be the provider's own: an SSP refusal with the same status is not
   * the provider enforcing anything. Set only where either refusal will do (TOP-T12: both keep the request
   * from the practice).
   */
  eitherWriter?: boolean;
}

type Problem = Pick<FailInput, 'expected' | 'actual' | 'kind'> & { hop?: Hop };
/** An expectation whose hop is decided (named, or the requirement's). */
type Resolved<X extends AnswerExpectation = AnswerExpectation> = X & { hop: Hop };
type Detector = (result: HttpResult, parsed: JsonBody, x: Resolved) => Problem | undefined;
const resolved = <X extends AnswerExpectation>(w: GpcWorld, x: X): Resolved<X> => ({
  ...x,
  hop: blamedHop(w, x.hop, x.requirement),
});

const CONFIG_KEY: Record<Hop, string> = {
  pds: 'pds.baseUrl',
  sds: 'sds.baseUrl',
  ssp: 'ssp.baseUrl',
  provider: 'the service root SDS gives',
  config: 'the target file',
};
/** The SSP reads its target URL from the path: a target that is not a URL means ssp.baseUrl carries a path. */
const SSP_UNREADABLE_TARGET = /INVALID_TARGETURL_(?!https?:\/\/)/;

/**
 * The shape problems of an answer, most telling first: a network failure explains everything after it, a
 * wrong address explains a 404 page, a page or a mislabelled body explains a wrong status. The first found
 * is the failure; data, so the order is visible and a new kind is one line.
 */
const DETECTORS: Detector[] = [
  (r, _p, x) =>
    r.transport && {
      expected: `HTTP ${x.status}`,
      actual: `${r.status === undefined ? '' : `HTTP ${r.status}, then `}${r.transport.message}`,
      kind: r.transport.kind,
    },
  (r, _p, x) => {
    // Unless the gateway's answer is what the scenario asks for (SSP-UNREACHABLE, SSP-TIMEOUT).
    const kind = r.status === x.status ? undefined : relayFailureKind(r);
    return kind === undefined
      ? undefined
      : {
          hop: 'provider',
          expected: 'an answer from the provider',
          actual: `the SSP could not get one: HTTP ${r.status} (${r.text.slice(0, 160)})`,
          kind,
        };
  },
  (r, _p, x) =>
    x.hop !== 'pds' && x.hop !== 'sds' && SSP_UNREADABLE_TARGET.test(r.text)
      ? {
          hop: 'ssp',
          expected: 'the SSP to read the target URL',
          actual: `HTTP ${r.status} INVALID_TARGETURL: check ${CONFIG_KEY.ssp} (the proxy's root, no path)`,
          kind: 'config',
        }
      : undefined,
  (r, p, x) =>
    r.status === 404 && !p.ok && x.status !== 404
      ? {
          expected: `HTTP ${x.status}`,
          actual: `HTTP 404 with no FHIR OperationOutcome (${p.problem}): the address is not the service; check ${CONFIG_KEY[x.hop]}`,
          kind: 'config',
        }
      : undefined,
  (r, p) =>
    !p.ok && p.kind === 'html-error-page'
      ? { expected: 'a FHIR JSON body', actual: `HTTP ${r.status}: ${p.problem}`, kind: p.kind }
      : undefined,
  (r) => {
    const contentType = r.headers['content-type'] ?? '';
    if (/^application\/fhir\+json\s*(;|$)/.test(contentType)) return undefined;
    return {
      expected: 'Content-Type application/fhir+json',
      actual: `HTTP ${r.status}, ${contentType ? `Content-Type ${contentType}` : 'no Content-Type'}`,
      kind: 'content-type',
    };
  },
  (r, p) =>
    !p.ok ? { expected: 'a FHIR JSON body', actual: `HTTP ${r.status}: ${p.problem}`, kind: p.kind } : undefined,
  (r, p, x) =>
    r.status !== x.status
      ? {
          expected: `HTTP ${x.status}`,
          actual: `HTTP ${r.status}${p.ok ? outcomeText(p.value) : ''}`,
          kind: (r.status ?? 0) >= 500 ? '5xx' : 'status',
        }
      : undefined,
  (r, p, x) =>
    x.hop === 'provider' && !x.eitherWriter && (r.status ?? 0) >= 400 && hopOfSspAnswer(r) === 'ssp'
      ? {
          hop: 'ssp',
          expected: `the provider's own HTTP ${x.status}`,
          actual: `the SSP's refusal${p.ok ? outcomeText(p.value) : ''}: the provider never saw the request`,
        }
      : undefined,
];

/**
 * The common shape check of any FHIR answer: it arrived, with the expected status, as FHIR JSON, of the
 * expected resource type. Returns the parsed body.
 */
export function expectAnswer(
  world: GpcWorld,
  result: HttpResult,
  expectation: AnswerExpectation,
): Record<string, unknown> {
  const x = resolved(world, expectation);
  const base = { requirement: x.requirement, evidence: result };
  const parsed = result.transport
    ? ({ ok: false, kind: 'empty-body', problem: 'no complete body' } as const)
    : parseJson(result.text);
  for (const detect of DETECTORS) {
    const problem = detect(result, parsed, x);
    if (problem) fail(world, { ...base, ...problem, hop: problem.hop ?? answeringHop(x.hop, result) });
  }
  const body = (parsed as { value: unknown }).value as Record<string, unknown>;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    fail(world, {
      ...base,
      hop: answeringHop(x.hop, result),
      expected: 'a FHIR resource',
      actual: `JSON ${Array.isArray(body) ? 'array' : typeof body}`,
      kind: 'resource-type',
    });
  if (x.resourceType && body.resourceType !== x.resourceType) {
    fail(world, {
      ...base,
      hop: answeringHop(x.hop, result),
      expected: `a ${x.resourceType}`,
      actual: `resourceType ${JSON.stringify(body.resourceType)}`,
      kind: 'resource-type',
    });
  }
  return body;
}

type Issue = { details?: { coding?: { code?: unknown; display?: unknown }[] }; diagnostics?: unknown };

/**
 * Whether an OperationOutcome names `code`. PDS, SDS and the provider write it as a coding's code, exactly
 * (a code that only appears in some text is not the refusal asked for). The SSP's own refusals carry their
 * Spine words inside text (ENDPOINT_…_VARIES_FROM_TARGETURL_…, "405: Method Not Allowed", TIMEOUT_…), so for
 * the SSP a display or diagnostics containing it will do too.
 */
function namesCode(issues: Issue[], code: string, hop: Hop): boolean {
  const codings = issues.flatMap((i) => i.details?.coding ?? []);
  if (codings.some((c) => c.code === code)) return true;
  if (hop !== 'ssp') return false;
  const texts = [...codings.flatMap((c) => [c.code, c.display]), ...issues.map((i) => i.diagnostics)];
  return texts.some((t) => typeof t === 'string' && t.includes(code));
}

/** An expected error answer: the status, an OperationOutcome, and (when given) the code it names. */
export function expectError(
  world: GpcWorld,
  result: HttpResult,
  expectation: AnswerExpectation & { code?: string },
): Record<string, unknown> {
  const x = resolved(world, expectation);
  const body = expectAnswer(world, result, { ...x, resourceType: 'OperationOutcome' });
  if (x.code && !namesCode(Array.isArray(body.issue) ? (body.issue as Issue[]) : [], x.code, x.hop)) {
    fail(world, {
      hop: answeringHop(x.hop, result),
      requirement: x.requirement,
      evidence: result,
      expected: `an OperationOutcome naming ${x.code}`,
      actual: `issue ${JSON.stringify(body.issue).slice(0, 300)}`,
    });
  }
  return body;
}
