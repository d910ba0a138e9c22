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
      gpc: request.service === 'ssp' ? gpcView(request) : undefined,
    };
    const checked = rules.filter((r) => r.hop === request.service && r.applies(context));
    const broke = checked.flatMap((rule) => {
      const problem = rule.check(context);
      return problem ? [{ rule, problem }] : [];
    });
    // Learned after judging: a request is judged on what came before it, never on its own answer.
    learn(seen, request);
    return { request, checked, broke };
  });
}

/** The rule IDs broken anywhere in a recording. */
export const brokenRuleIds = (judgements: readonly RequestJudgement[]) => [
  ...new Set(judgements.flatMap((j) => j.broke.map((b) => b.rule.id))),
];
