/**
 * The reports on top of an estate run: summary.json (the targets' results pooled, in the single-target
 * shape, plus an additive `estate` field: each target's outcome, the requirement × target matrix and the
 * failures grouped by target and hop) and index.html (an outcome chart per target, the matrix, the
 * failures and root causes per target, links to each target's own report), then manifest.json last.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evidenceKeyFromEnv } from './evidence-key';
import { REPORT_CSS } from './html-assets';
import { badge, el, esc, fragment, section, table, type Child } from './html-kit';
import { outcomeChart } from './html-root-causes';
import { writeManifest } from './manifest';
import { mergeSummaries } from './merge';
import { SUMMARY_FILE } from './run-reports';
import type { RootCause, Summary } from './summary-types';

/** What mergeSummaries needs when no target left a summary at all: nothing ran. */
const NO_RESULTS = { results: [], faults: [], errors: [], durationMs: 0, startedAt: new Date(0).toISOString(), target: '' } as unknown as Summary;

export interface EstateTarget {
  name: string;
  file?: string;
  tags?: string;
  paths: string[];
}

/** `passed`, `failed (hop where it stopped)`, or `not run` when none of the target's scenarios carries it. */
export type MatrixCell = string;

export interface EstateSection {
  targets: { name: string; reports: string; exitCode: number; allPassed: boolean; scenarios: number; failed: number }[];
  matrix: Record<string, Record<string, MatrixCell>>;
  failuresByTarget: Record<string, Record<string, { scenario: string; requirement: string; message: string }[]>>;
  rootCausesByTarget: Record<string, RootCause[]>;
}

export type EstateSummary = Summary & { estate: EstateSection };

function cell(summary: Summary | undefined, id: string): MatrixCell {
  const coverage = summary?.requirements.byId[id];
  if (!summary || !coverage || coverage.scenarios === 0) return 'not run';
  if (coverage.failed === 0) return 'passed';
  // The hop where its first failing scenario stopped: a pds prerequisite failing shows as pds, not sds.
  const stopped = summary.results.find((r) => r.status !== 'passed' && r.tags.includes(`@${id}`));
  return `failed (${stopped?.failure?.hop ?? coverage.hop})`;
}

function estateSection(targets: EstateTarget[], codes: number[], summaries: (Summary | undefined)[]): EstateSection {
  const ids = new Set<string>();
  for (const s of summaries)
    for (const [id, c] of Object.entries(s?.requirements.byId ?? {})) if (c.scenarios > 0) ids.add(id);
  const matrix: EstateSection['matrix'] = {};
  for (const id of [...ids].sort()) matrix[id] = Object.fromEntries(targets.map((t, i) => [t.name, cell(summaries[i], id)]));
  const failuresByTarget: EstateSection['failuresByTarget'] = {};
  const rootCausesByTarget: EstateSection['rootCausesByTarget'] = {};
  targets.forEach((t, i) => {
    const byHop: Record<string, { scenario: string; requirement: string; message: string }[]> = {};
    for (const f of summaries[i]?.failures ?? [])
      (byHop[f.hop] ??= []).push({ scenario: f.scenario, requirement: f.requirement, message: f.message });
    failuresByTarget[t.name] = byHop;
    rootCausesByTarget[t.name] = summaries[i]?.rootCauses ?? [];
  });
  return {
    targets: targets.map((t, i) => ({
      name: t.name,
      reports: `targets/${t.name}`,
      exitCode: codes[i],
      allPassed: codes[i] === 0 && (summaries[i]?.allPassed ?? false),
      scenarios: summaries[i]?.scenarios.total ?? 0,
      failed: summaries[i] ? summaries[i].scenarios.total - summaries[i].scenarios.passed : 0,
    })),
    matrix,
    failuresByTarget,
    rootCausesByTarget,
  };
}

function renderEstate(summary: EstateSummary, summaries: (Summary | undefined)[]): string {
  const { estate } = summary;
  const names = estate.targets.map((t) => t.name);
  const title = `gpc-assure estate: ${summary.allPassed ? 'PASS' : 'FAIL'} over ${names.length} targets`;
  const targetRows: Child[][] = estate.targets.map((t) => [
    el('a', { href: `${t.reports}/index.html` }, t.name),
    badge(t.allPassed ? 'passed' : 'failed'),
    `${t.scenarios - t.failed}/${t.scenarios} passed`,
    String(t.exitCode),
  ]);
  const charts = estate.targets.map((t, i) =>
    summaries[i] ? el('figure', {}, el('figcaption', {}, t.name), outcomeChart(summaries[i], `${t.name}: requirements by hop and outcome`)) : el('p', {}, `${t.name}: no summary (the run broke)`),
  );
  const matrixRows = Object.entries(estate.matrix).map(([id, row]) => [id, ...names.map((n) => badge(row[n]))]);
  const failures = names.map((n) =>
    el(
      'div',
      { class: 'estate-target-failures' },
      el('h3', {}, n),
      (estate.rootCausesByTarget[n] ?? []).length
        ? table(['hop', 'requirement', 'root cause', 'scenarios'], estate.rootCausesByTarget[n].map((c) => [c.hop, c.requirement, c.message, String(c.count)]), { class: 'root-causes' })
        : el('p', {}, 'No failures.'),
      Object.entries(estate.failuresByTarget[n] ?? {}).map(([hop, list]) =>
        el('details', {}, el('summary', {}, `${hop}: ${list.length} failed`), el('ul', {}, list.map((f) => el('li', {}, `${f.requirement}: ${f.scenario}`)))),
      ),
    ),
  );
  const body = fragment(
    el('h1', {}, title),
    section('estate-targets', 'Targets', table(['target', 'outcome', 'scenarios', 'exit code'], targetRows)),
    section('estate-charts', 'Outcome by hop, per target', charts),
    section('estate-matrix', `Requirement × target (${matrixRows.length})`, table(['requirement', ...names], matrixRows, { class: 'estate-matrix' })),
    section('estate-failures', 'Failures by target and hop', failures),
  );
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n<title>${esc(title)}</title>\n<style>${REPORT_CSS}</style></head>\n<body>${body.markup}</body></html>\n`;
}

/** Reads reportsDir/targets/<name>/summary.json for each target and writes the combined reports. */
export function writeEstateReports(reportsDir: string, targets: EstateTarget[], codes: number[], durationMs: number): EstateSummary {
  const summaries = targets.map((t) => {
    const file = join(reportsDir, 'targets', t.name, SUMMARY_FILE);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Summary) : undefined;
  });
  const present = summaries.filter((s): s is Summary => s !== undefined);
  const missing = targets.filter((_, i) => !summaries[i]).map((t) => `${t.name}: the run wrote no summary.json`);
  const pooled = present.length ? mergeSummaries(present) : undefined;
  const estate = estateSection(targets, codes, summaries);
  const summary: EstateSummary = {
    ...(pooled ?? mergeSummaries([NO_RESULTS])),
    target: targets.map((t) => t.name).join(', '),
    durationMs,
    estate,
  };
  summary.errors = [...summary.errors, ...missing];
  summary.allPassed = summary.allPassed && missing.length === 0 && estate.targets.every((t) => t.allPassed);
  writeFileSync(join(reportsDir, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(join(reportsDir, 'index.html'), renderEstate(summary, summaries));
  writeManifest(reportsDir, evidenceKeyFromEnv());
  return summary;
}
