/**
 * How a check fails: with the hop, the requirement, what was expected, what came, and which exchange is the
 * evidence. The record is kept on the World (for the reports) and thrown (for Cucumber).
 */
import type { FailureRecord } from '../evidence/types';
import { parseJson, type HttpResult } from '../spine/http';
import { hopOfSspAnswer } from '../spine/ssp-client';
import { requirement as catalogue, type Hop } from '../requirements';
import { redactText } from '../evidence/redact';
import type { GpcWorld } from './world';

export class CheckFailure extends Error {
  constructor(readonly record: FailureRecord) {
    super(record.message);
    this.name = 'CheckFailure';
  }
}

const HOP_LABEL: Record<Hop, string> = { pds: 'PDS', sds: 'SDS', ssp: 'SSP', provider: 'provider', config: 'config' };

export function describeExchange(result: HttpResult | undefined): string {
  if (!result) return '';
  const e = result.exchange;
  const outcome = e.transportError ? e.transportError.kind : String(e.response?.status);
  return ` [evidence #${e.seq}: ${e.request.method} ${e.request.url} → ${outcome}]`;
}

export interface FailInput {
  hop: Hop;
  requirement?: string;
  expected: string;
  actual: string;
  evidence?: HttpResult;
  kind?: string;
}

export function fail(world: GpcWorld, f: FailInput): never {
  const requirement = f.requirement ?? world.requirement;
  const text = catalogue(requirement)?.text;
  const message = redactText(
    `[${HOP_LABEL[f.hop]}] ${requirement}${text ? ` (${text})` : ''}: expected ${f.expected}, got ${f.actual}${describeExchange(f.evidence)}`,
  );
  const record: FailureRecord = { hop: f.hop, requirement, message, expected: f.expected, actual: redactText(f.actual), exchange: f.evidence?.exchange.seq, kind: f.kind ?? 'check' };
  // The first failure is the one that matters; later ones are consequences.
  world.failure ??= record;
  throw new CheckFailure(record);
}

export function check(world: GpcWorld, ok: boolean, f: FailInput): void {
  if (!ok) fail(world, f);
}

/**
 * The hop to blame. A provider answer that is really a Spine refusal is the SSP's; when an SSP refusal was
 * the expectation and did not come, the SSP let the request through, so the SSP is still to blame.
 */
export function answeringHop(hop: Hop, result: HttpResult): Hop {
  return hop === 'provider' ? hopOfSspAnswer(result) : hop;
}

function outcomeText(body: unknown): string {
  const issue = (body as { resourceType?: string; issue?: { details?: { coding?: { code?: string }[] }; diagnostics?: string }[] })?.issue?.[0];
  if ((body as { resourceType?: string })?.resourceType !== 'OperationOutcome' || !issue) return '';
  return ` (${[issue.details?.coding?.[0]?.code, issue.diagnostics].filter(Boolean).join(': ')})`;
}

export interface AnswerExpectation {
  hop: Hop;
  requirement?: string;
  status: number;
  resourceType?: string;
}

/**
 * The common shape check of any FHIR answer: it arrived, with the expected status, as FHIR JSON, of the
 * expected resource type. Returns the parsed body.
 */
export function expectAnswer(world: GpcWorld, result: HttpResult, x: AnswerExpectation): Record<string, unknown> {
  const base = { requirement: x.requirement, evidence: result };
  if (result.transport) fail(world, { ...base, hop: answeringHop(x.hop, result), expected: `HTTP ${x.status}`, actual: `${result.transport.kind} (${result.transport.message})`, kind: result.transport.kind });
  const parsed = parseJson(result.text);
  const hop = answeringHop(x.hop, result);
  if (result.status !== x.status) {
    fail(world, { ...base, hop, expected: `HTTP ${x.status}`, actual: `HTTP ${result.status}${parsed.ok ? outcomeText(parsed.value) : ''}`, kind: (result.status ?? 0) >= 500 ? '5xx' : 'status' });
  }
  const contentType = result.headers['content-type'] ?? '';
  if (!/^application\/fhir\+json\s*(;|$)/.test(contentType)) {
    fail(world, { ...base, hop, expected: 'Content-Type application/fhir+json', actual: contentType ? `Content-Type ${contentType}` : 'no Content-Type', kind: 'content-type' });
  }
  if (!parsed.ok) fail(world, { ...base, hop, expected: 'a FHIR JSON body', actual: parsed.problem, kind: parsed.kind });
  const body = parsed.value as Record<string, unknown>;
  if (!body || typeof body !== 'object' || Array.isArray(body)) fail(world, { ...base, hop, expected: 'a FHIR resource', actual: `JSON ${Array.isArray(body) ? 'array' : typeof body}`, kind: 'resource-type' });
  if (x.resourceType && body.resourceType !== x.resourceType) {
    fail(world, { ...base, hop, expected: `a ${x.resourceType}`, actual: `resourceType ${JSON.stringify(body.resourceType)}`, kind: 'resource-type' });
  }
  return body;
}

/** An expected error answer: the status, an OperationOutcome, and (when given) a code in its coding or text. */
export function expectError(world: GpcWorld, result: HttpResult, x: AnswerExpectation & { code?: string }): Record<string, unknown> {
  const body = expectAnswer(world, result, { ...x, resourceType: 'OperationOutcome' });
  if (x.code && !JSON.stringify(body.issue ?? []).includes(x.code)) {
    fail(world, { hop: answeringHop(x.hop, result), requirement: x.requirement, evidence: result, expected: `an OperationOutcome naming ${x.code}`, actual: `issue ${JSON.stringify(body.issue).slice(0, 300)}` });
  }
  return body;
}
