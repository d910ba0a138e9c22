/**
 * reports/index.html: one self-contained page for assessors — the run, requirements, hops, features, the
 * ledger, failures, and every scenario's evidence with filters. No URL is loaded: style and script are
 * inline, the sequence diagrams are inline SVG, so the page renders from file:// with no network.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportModel } from './report-model';
import { scenarioKey } from './report-model';
import { REPORT_CSS, REPORT_JS } from './html-assets';
import { el, esc, fragment, Html, section, type Child } from './html-kit';
import { failuresSection, hopsAndFeaturesSection, ledgerSection, requirementsSection, runSection, type ScenarioView } from './html-sections';
import { scenarioBlock } from './html-evidence';
import { rootCausesSection } from './html-root-causes';

const STATUS_FILTERS = ['passed', 'not-passed', 'failed', 'skipped', 'undefined', 'pending', 'ambiguous', 'unknown'];

function select(id: string, label: string, values: string[]): Html {
  return el('label', {}, `${label} `, el('select', { id }, el('option', { value: '' }, 'all'), values.map((v) => el('option', { value: v }, v))));
}

function filters(model: ReportModel): Html {
  const hops = [...new Set(model.summary.results.map((r) => r.hop))].sort();
  return el(
    'div',
    { class: 'filters' },
    select('filter-status', 'status', STATUS_FILTERS),
    select('filter-hop', 'hop', hops),
    el('label', {}, 'tag ', el('input', { id: 'filter-tag', type: 'search', placeholder: '@WE-1a' })),
  );
}

const NAV: [string, string][] = [
  ['root-causes', 'Root causes'], ['run', 'Run'], ['requirements', 'Requirements'], ['hops', 'Hops'], ['features', 'Features'],
  ['ledger', 'Ledger'], ['failures', 'Failures'], ['scenarios', 'Scenarios'],
];

export function renderReport(model: ReportModel): string {
  const views: ScenarioView[] = model.summary.results.map((result, index) => ({
    index,
    result,
    evidence: model.evidenceByResult
      ? model.evidenceByResult.get(result)
      : model.evidence.get(scenarioKey(result.uri, result.line, result.scenario)),
  }));
  const scenarios = views.map(scenarioBlock);
  const title = `gpc-assure: ${model.summary.allPassed ? 'PASS' : 'FAIL'} against ${model.summary.target}`;
  const main: Child[] = [
    el('h1', {}, title),
    el('nav', {}, NAV.map(([id, label]) => el('a', { href: `#${id}` }, label))),
    rootCausesSection(model.summary),
    runSection(model),
    requirementsSection(model, views),
    hopsAndFeaturesSection(model),
    ledgerSection(model, views),
    filters(model),
    failuresSection(views),
    section('scenarios', `Scenarios and evidence (${views.length})`, scenarios),
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${esc(title)}</title>`,
    `<style>${REPORT_CSS}</style></head>`,
    `<body>${fragment(main).markup}`,
    `<script>${REPORT_JS}</script></body></html>`,
    '',
  ].join('\n');
}

export function writeHtmlReport(reportsDir: string, model: ReportModel): string {
  const file = join(reportsDir, 'index.html');
  writeFileSync(file, renderReport(model));
  return file;
}
