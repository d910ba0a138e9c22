/**
 * Every FHIR body the suite receives, and every body the harness builds and sends, is validated against
 * its profile (issue 3). Issues are stored on the exchange as evidence. Errors do not interrupt the step
 * that is running — its own, more specific check should speak first — but a scenario that ends with a
 * profile error and no other failure fails in the After hook, naming the hop that sent the body.
 */
import { validate, validateExchangeBody, type ValidationIssue } from '../fhir/validator';
import { parseJson, type HttpResult } from '../spine/http';
import { hopOfSspAnswer } from '../spine/ssp-client';
import { PROFILE } from '../spine/systems';
import type { Hop } from '../domain/hop';

export interface ProfileFinding {
  hop: Hop;
  exchange: number;
  direction: 'request' | 'response';
  issues: ValidationIssue[];
}

/**
 * Bodies the harness builds for each interaction, and the profile they must meet (null: the STU3 base
 * resource, for the get and migrate structured record Parameters, which GP Connect does not profile).
 */
const REQUEST_PROFILES: Record<string, string | null> = {
  'book appointment': PROFILE.appointment,
  'get structured record': null,
  'migrate structured record': null,
};

const errorsOf = (issues: ValidationIssue[]) => issues.filter((i) => i.severity === 'error');

/** Validates one exchange once; returns the findings that carry errors. */
export function checkExchangeProfiles(hop: Hop, result: HttpResult, validateRequest: boolean): ProfileFinding[] {
  const exchange = result.exchange;
  if (exchange.validation) return [];
  const findings: ProfileFinding[] = [];
  const parsed = result.transport ? undefined : parseJson(result.text);
  if (parsed?.ok && (parsed.value as { resourceType?: unknown })?.resourceType) {
    const sender = hop === 'provider' || hop === 'ssp' ? hopOfSspAnswer(result) : hop;
    const issues = validateExchangeBody(parsed.value, {
      hop: sender as 'pds' | 'sds' | 'ssp' | 'provider',
      interaction: exchange.interaction,
    });
    exchange.validation = { response: issues };
    if (errorsOf(issues).length)
      findings.push({ hop: sender, exchange: exchange.seq, direction: 'response', issues: errorsOf(issues) });
  } else exchange.validation = {};
  const requestProfile = exchange.interaction ? REQUEST_PROFILES[exchange.interaction] : undefined;
  if (validateRequest && requestProfile !== undefined && exchange.request.body) {
    const body = parseJson(exchange.request.body);
    const issues = body.ok ? validate(body.value, { fhirVersion: 'STU3', profile: requestProfile ?? undefined }) : [];
    exchange.validation.request = issues;
    // The harness built this body from the target's consumer identity: a wrong one is a config problem.
    if (errorsOf(issues).length)
      findings.push({ hop: 'config', exchange: exchange.seq, direction: 'request', issues: errorsOf(issues) });
  }
  return findings;
}

export function describeFindings(findings: ProfileFinding[]): string {
  return findings
    .map(
      (f) =>
        `${f.direction} of exchange #${f.exchange}: ${f.issues
          .slice(0, 5)
          .map((i) => `${i.location} ${i.rule}: ${i.message}`)
          .join('; ')}${f.issues.length > 5 ? ` (+${f.issues.length - 5} more)` : ''}`,
    )
    .join(' | ');
}
