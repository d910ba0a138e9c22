/**
 * A refusal whose code the spec does not name (SDS's 400/404/405/406, WE-2e): the status is checked,
 * and the code must be *a* code of the Spine-ErrorOrWarningCode system the coding names. Which one came is
 * carried into the evidence, so the report shows it.
 */
import type { Hop } from '../requirements';
import type { HttpResult } from '../spine/http';
import { spineCodingProblem } from '../spine/spine-codes';
import { expectError, fail } from './checks';
import type { GpcWorld } from './world';

type Coding = { system?: unknown; code?: unknown };

export function expectSpineCode(
  w: GpcWorld,
  result: HttpResult,
  x: { hop: Exclude<Hop, 'config'>; requirement: string; status: number },
): string {
  const body = expectError(w, result, x);
  const issues = Array.isArray(body.issue) ? (body.issue as { details?: { coding?: Coding[] } }[]) : [];
  const coding = issues[0]?.details?.coding?.[0];
  const problem = spineCodingProblem(coding);
  if (problem)
    fail(w, {
      hop: x.hop,
      requirement: x.requirement,
      evidence: result,
      expected: `HTTP ${x.status} with a code of Spine-ErrorOrWarningCode`,
      actual: problem,
    });
  const code = String(coding?.code);
  w.carry(`${x.hop}Code${x.status}`, code);
  return code;
}
