/**
 * The overview sections of index.html: the run, the requirements, hops and features, the ledger of what
 * was expected against what ran, and the failures. Each is a function of the report model alone.
 */
import { REQUIREMENTS, requirement } from '../domain/catalogue';
import type { PassFail, ScenarioResult } from './summary-types';
import type { ScenarioEvidence } from '../evidence/types';
import type { ReportModel } from './report-model';
import { anchor, badge, el, fragment, section, table, type Child, type Html } from './html-kit';

/** A scenario as the page shows it: its result, its place on the page, and its evidence if any. */
export interface ScenarioView {
  index: number;
  result: ScenarioResult;
  evidence?: ScenarioEvidence;
}

const scenarioLink = (v: ScenarioView) => el('a', { href: `#${anchor('sc', v.index)}` }, v.result.scenario);
const place = (r: { uri: string; line?: number }) => `${r.uri}${r.line ? `:${r.line}` : ''}`;

/** Attributes the filters read, on every element that stands for one scenario. */
export function filterAttrs(r: ScenarioResult): Record<string, string> {
  return { 'data-status': r.status, 'data-hop': r.hop, 'data-tags': r.tags.join(' '), class: 'filterable' };
}

export function runSection(model: ReportModel): Html {
  const { summary, facts } = model;
  const rows: [string, Child][] = [
    ['outcome', badge(summary.allPassed ? 'passed' : 'failed')],
    ['target', summary.target + (summary.targetFile ? ` (${summary.targetFile})` : '')],
    ['spec versions assured', Object.entries(summary.specVersions ?? {}).map(([c, v]) => `${c} ${v}`).join(', ') || 'not recorded'],
    ['faults switched on', summary.faults.join(', ') || 'none'],
    ['started', summary.startedAt],
    ['duration', `${(summary.durationMs / 1000).toFixed(1)} s`],
    ['gpc-assure', facts.versions.gpcAssure],
    ['node', facts.versions.node],
    ['@cucumber/cucumber', facts.versions.cucumber],
    ['project commit', facts.gitSha ?? 'not a git checkout'],
    ['scenario order', facts.order ?? 'as defined (no seed)'],
    ['run errors', summary.errors.length ? el('ul', {}, summary.errors.map((e) => el('li', {}, e))) : 'none'],
  ];
  const counts = Object.entries(summary.scenarios).map(([k, n]) => el('span', { class: `count ${k}` }, `${n} ${k}`));
  return section('run', 'Run', el('p', { class: 'counts', id: 'counts' }, counts), table([], rows, { class: 'facts' }));
}

export function requirementsSection(model: ReportModel, views: ScenarioView[]): Html {
  const { requirements } = model.summary;
  const rows = REQUIREMENTS.map((req) => {
    const tagged = views.filter((v) => v.result.tags.includes(`@${req.id}`));
    const links = tagged.map((v) => el('div', {}, badge(v.result.outcome ?? v.result.status), ' ', scenarioLink(v)));
    // The source as text, not a link: the report references nothing outside itself (html-kit EXTERNAL_REFERENCE).
    const source = req.pages.map((p) => el('div', { class: 'source' }, `${p.section}: ${p.url}`));
    return [
      el('span', { id: `req-${req.id}` }, req.id),
      req.hop,
      req.text,
      source.length ? source : req.facts,
      fragment(badge(requirements.byId[req.id]?.status ?? 'uncovered'), requirements.byId[req.id]?.failedHops ? ` (${requirements.byId[req.id].failedHops!.join(', ')})` : ''),
      links,
    ];
  });
  return section(
    'requirements',
    `Requirements: ${requirements.covered} of ${requirements.total} covered`,
    requirements.uncovered.length
      ? el('p', {}, 'No scenario covers: ', requirements.uncovered.join(', '))
      : el('p', {}, 'Every requirement in the catalogue has a scenario.'),
    requirements.consumerMode?.length
      ? el('p', {}, 'Judged by gpc-assure consumer, not by scenarios: ', requirements.consumerMode.join(', '))
      : '',
    table(['requirement', 'hop', 'text', 'source', 'status', 'scenarios'], rows),
  );
}

function countRows(counts: Record<string, PassFail>): Child[][] {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, c]) => [key, c.passed, c.failed, badge(c.failed ? 'failed' : 'passed')]);
}

export function hopsAndFeaturesSection(model: ReportModel): Html {
  const byFeature: Record<string, PassFail> = {};
  for (const r of model.summary.results) {
    const entry = (byFeature[r.feature || r.uri] ??= { passed: 0, failed: 0 });
    entry[r.status === 'passed' ? 'passed' : 'failed'] += 1;
  }
  const headers = (what: string) => [what, 'passed', 'not passed', 'status'];
  return fragment(
    section('hops', 'By hop', table(headers('hop'), countRows(model.summary.byHop))),
    section('features', 'By feature', table(headers('feature'), countRows(byFeature))),
  );
}

/** Expected against executed: anything that is not a pass is listed and counted, including what never ran. */
export function ledgerSection(model: ReportModel, views: ScenarioView[]): Html {
  const ran = new Set(model.summary.results.map(place));
  const neverStarted = model.planned.filter((p) => !ran.has(place(p)));
  const notPassed = views.filter((v) => v.result.status !== 'passed' && !v.result.outcome);
  // Withheld scenarios are listed apart: not a failure of the target, a gap in what it can offer.
  const withheld = views.filter((v) => v.result.outcome);
  const rows: Child[][] = [
    ...notPassed.map((v) => [scenarioLink(v), badge(v.result.status === 'unknown' ? 'not-run' : v.result.status), place(v.result)]),
    ...neverStarted.map((p) => [p.name, badge('not-run'), place(p)]),
  ];
  const withheldRows = (outcome: string) =>
    withheld.filter((v) => v.result.outcome === outcome).map((v) => [scenarioLink(v), badge(outcome), (v.result.reasons ?? []).join('; '), place(v.result)]);
  const apart = (outcome: string, title: string) => {
    const found = withheldRows(outcome);
    return found.length ? fragment(el('h3', { id: outcome }, `${title} (${found.length})`), table(['scenario', 'outcome', 'why', 'where'], found)) : '';
  };
  const executed = model.summary.results.filter((r) => r.status !== 'unknown').length;
  return section(
    'ledger',
    'Ledger: expected and executed',
    el('p', {}, `${model.planned.length} expected, ${executed} executed, ${model.summary.scenarios.passed} passed, ${rows.length} not passed, ${withheldRows('not-supported-by-provider').length} not supported by the provider, ${withheldRows('not-applicable').length} not applicable to this target.`),
    rows.length ? table(['scenario', 'status', 'where'], rows) : el('p', {}, 'Every expected scenario ran and passed.'),
    apart('not-supported-by-provider', 'Not supported by the provider: its CapabilityStatement does not declare the interaction'),
    apart('not-applicable', 'Not applicable to this target: not run'),
  );
}

export function failuresSection(views: ScenarioView[]): Html {
  const failing = views.filter((v) => v.result.failure);
  const items = failing.map((v) => {
    const f = v.result.failure!;
    const exchange = v.evidence?.exchanges.find((e) => e.seq === f.exchange);
    const outcome = exchange ? ` ${exchange.request.method} ${exchange.request.url} → ${exchange.transportError?.kind ?? exchange.response?.status ?? 'no answer'}` : '';
    const evidence = f.exchange ? el('a', { href: `#${anchor('sc', v.index)}-ex-${f.exchange}` }, `exchange #${f.exchange}${outcome}`) : 'no exchange';
    return el(
      'div',
      { ...filterAttrs(v.result), class: 'failure filterable' },
      el('h3', {}, badge(f.status), ' ', scenarioLink(v)),
      table(['hop', 'requirement', 'message', 'evidence'], [[
        el('span', { class: 'hop' }, f.hop),
        el('span', { class: 'requirement', title: requirement(f.requirement)?.text }, f.requirement),
        fragment(el('div', {}, f.message), f.expected ? el('div', {}, 'expected: ', f.expected) : false, f.actual ? el('div', {}, 'actual: ', f.actual) : false),
        evidence,
      ]]),
    );
  });
  return section('failures', `Failures (${failing.length})`, items.length ? items : el('p', {}, 'None.'));
}
