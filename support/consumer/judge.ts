/**
 * Judges a recording: every request, in order, against every consumer rule that speaks about it, with what
 * the consumer had learned from the answers before it.
 */
import type { ConsumerCache } from './cache';
import { gpcView, learn, seenFromCache } from './context';
import type { RecordedRequest, Recording } from './recording';
import { CONSUMER_RULES, type Breach, type ConsumerRule, type RequestContext } from './rules';

export interface RequestJudgement {
  request: RecordedRequest;
  /** Every rule that applied, broken or not: the report counts passes too. */
  checked: ConsumerRule[];
  broke: Breach[];
}

/**
 * A judge that takes the requests one at a time, in recorded order, carrying what the consumer learned: a
 * running session judges each request as it is recorded, so stopping it leaves only the reports to write.
 */
export function createJudge(
  registry: Recording['registry'],
  rules: readonly ConsumerRule[] = CONSUMER_RULES,
  cache?: ConsumerCache,
): (request: RecordedRequest) => RequestJudgement {
  const seen = seenFromCache(cache);
  return (request) => {
    const context: RequestContext = {
      request,
      seen,
      registry,
      cache,
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
  };
}

export function judgeRecording(
  recording: Recording,
  rules: readonly ConsumerRule[] = CONSUMER_RULES,
  cache?: ConsumerCache,
): RequestJudgement[] {
  return recording.requests.map(createJudge(recording.registry, rules, cache));
}

const NO_HEADERS: Record<string, string> = {};

/**
 * Makes judgements as the reports read them: the request's headers and bodies stay in the recording, not in
 * memory, and equal texts and rule lists are shared, as thousands of requests break a rule the same way.
 */
export function compactJudgements(): (j: RequestJudgement) => RequestJudgement {
  const texts = new Map<string, string>();
  const lists = new Map<string, ConsumerRule[]>();
  const text = (t: string) => texts.get(t) ?? (texts.set(t, t), t);
  const list = (rules: ConsumerRule[]) => {
    const key = rules.map((r) => r.id).join(' ');
    return lists.get(key) ?? (lists.set(key, rules), rules);
  };
  return ({ request: r, checked, broke }) => ({
    request: {
      seq: r.seq,
      service: r.service,
      method: text(r.method),
      url: text(r.url),
      headers: NO_HEADERS,
      at: r.at,
      durationMs: r.durationMs,
      response: { status: r.response.status, body: '' },
    },
    checked: list(checked),
    broke: broke.map((b) => ({ ...b, problem: text(b.problem) })),
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
