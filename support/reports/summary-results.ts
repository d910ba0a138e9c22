/**
 * The summary built from scenario results alone (counts, failures, root causes, coverage), so a run and
 * merge-reports, which has only several runs' results, build it the same way.
 */
import { requirementOutcome, withheldOf } from './withheld';
import { REQUIREMENTS } from '../domain/catalogue';
import { rootCauses } from './root-causes';
import type { PassFail, RequirementCoverage, RunContext, ScenarioResult, Summary, TagCount } from './summary-types';

function bump(counts: Record<string, PassFail>, key: string, passed: boolean): PassFail {
  const entry = (counts[key] ??= { passed: 0, failed: 0 });
  entry[passed ? 'passed' : 'failed'] += 1;
  return entry;
}

/**
 * Every count, the failures, root causes and coverage, from scenario results alone: a run's summary, and
 * the summary merge-reports builds from several runs' results.
 */
export function summaryOfResults(unsorted: readonly ScenarioResult[], context: RunContext, errors: string[]): Summary {
  const results = [...unsorted].sort(byPlace);
  const counts = {
    total: results.length,
    passed: 0,
    failed: 0,
    skipped: 0,
    undefined: 0,
    pending: 0,
    ambiguous: 0,
    unknown: 0,
    notApplicable: 0,
    notSupportedByProvider: 0,
  };
  const byTag: Record<string, TagCount> = {};
  const byHop: Record<string, PassFail> = {};
  for (const r of results) {
    counts[r.status] += 1;
    if (r.outcome === 'not-applicable') counts.notApplicable += 1;
    if (r.outcome === 'not-supported-by-provider') counts.notSupportedByProvider += 1;
    const passed = r.status === 'passed';
    bump(byHop, r.hop, passed);
    for (const tag of r.tags) {
      const entry: TagCount = bump(byTag, tag, passed);
      if (!passed && r.status !== 'failed') (entry.notPassed ??= {})[r.status] = (entry.notPassed[r.status] ?? 0) + 1;
    }
  }
  const failures = results.flatMap((r) => (r.failure ? [r.failure] : []));
  return {
    target: context.target,
    durationMs: Math.round(context.durationMs),
    scenarios: counts,
    byTag,
    byHop,
    failures,
    rootCauses: rootCauses(failures),
    requirements: coverage(results),
    ...(context.targetFile ? { targetFile: context.targetFile } : {}),
    ...(context.specVersions ? { specVersions: context.specVersions } : {}),
    faults: context.faults,
    startedAt: context.startedAt,
    // A scenario the target cannot run is not a failure of what it can (`run --strict` makes it one).
    allPassed:
      counts.total > 0 &&
      counts.passed + counts.notApplicable === counts.total &&
      counts.passed > 0 &&
      errors.length === 0,
    notApplicable: withheldOf(results, 'not-applicable'),
    notSupportedByProvider: withheldOf(results, 'not-supported-by-provider'),
    errors,
    results,
  };
}

function byPlace(a: ScenarioResult, b: ScenarioResult): number {
  return a.uri.localeCompare(b.uri) || (a.line ?? 0) - (b.line ?? 0) || a.scenario.localeCompare(b.scenario);
}

/**
 * Coverage of the catalogue by the scenarios that ran: a requirement no scenario carries is uncovered. The
 * consumer rules are judged over a consumer's recorded requests (`gpc-assure consumer`), never by a scenario,
 * so a run lists them apart (`consumerMode`) instead of counting them as gaps it could have filled.
 */
function coverage(results: ScenarioResult[]): Summary['requirements'] {
  const byId: Record<string, RequirementCoverage> = {};
  const consumerMode: string[] = [];
  for (const req of REQUIREMENTS) {
    const tagged = results.filter((r) => r.tags.includes(`@${req.id}`));
    const passed = tagged.filter((r) => r.status === 'passed').length;
    const failed = tagged.length - passed;
    const judgedElsewhere = tagged.length === 0 && req.checkedBy === 'consumer-rule';
    if (judgedElsewhere) consumerMode.push(req.id);
    const outcome = judgedElsewhere ? undefined : requirementOutcome(tagged);
    const status = judgedElsewhere ? 'consumer-mode' : tagged.length === 0 ? 'uncovered' : outcome!.status;
    byId[req.id] = { hop: req.hop, scenarios: tagged.length, passed, failed, status, ...outcome?.detail };
  }
  const uncovered = REQUIREMENTS.filter((r) => byId[r.id].status === 'uncovered').map((r) => r.id);
  const total = REQUIREMENTS.length - consumerMode.length;
  return { total, covered: total - uncovered.length, uncovered, consumerMode, byId };
}

