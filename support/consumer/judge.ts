/**
 * Judges a recording: every request, in order, against every consumer rule that speaks about it, with what
 * the consumer had learned from the answers before it.
 */
import { emptySeen, gpcView, learn } from './context';
import type { RecordedRequest, Recording } from './recording';
import { CONSUMER_RULES, type Breach, type ConsumerRule, type RequestContext } from './rules';

export interface RequestJudgement {
  request: RecordedRequest;
  /** Every rule that applied, broken or not: the report counts passes too. */
  checked: ConsumerRule[];
  broke: Breach[];
}

export function judgeRecording(
  recording: Recording,
  rules: readonly ConsumerRule[] = CONSUMER_RULES,
): RequestJudgement[] {
  const seen = emptySeen();
  return recording.requests.map((request) => {
    const context: RequestContext = {
      request,
      seen,
      registry: recording.registry,
      gpc: request.service === 'ssp' ? attempt(() => gpcView(request)) : undefined,
    };
    // A request so malformed that a rule throws on it (a `%zz` in its path) breaks that rule: one hostile
    // request must neither abort the judgement of the others nor pass a check it could not be held to.
    const verdicts = rules
      .filter((r) => r.hop === request.service)
      .map((rule) => {
        try {
          return rule.applies(context) ? { rule, problem: rule.check(context) } : undefined;
        } catch (err) {
          return { rule, problem: `could not be judged: ${(err as Error).message}` };
        }
      })
      .filter((v) => v !== undefined);
    const checked = verdicts.map((v) => v.rule);
    const broke = verdicts.flatMap(({ rule, problem }) => (problem ? [{ rule, problem }] : []));
    // Learned after judging: a request is judged on what came before it, never on its own answer.
    attempt(() => learn(seen, request));
    return { request, checked, broke };
  });
}

/** What a request the context cannot read yields: nothing learned from it, nothing to view. */
function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** The rule IDs broken anywhere in a recording. */
export const brokenRuleIds = (judgements: readonly RequestJudgement[]) => [
  ...new Set(judgements.flatMap((j) => j.broke.map((b) => b.rule.id))),
];
