/**
 * What `gpc-assure run` writes after summary.json, in this order: index.html, then manifest.json, last of
 * all, so its digests cover every report the run left (Cucumber's, Allure's results, evidence, index.html).
 */
import { PACKAGE_ROOT } from '../base/files';
import type { ScenarioEvidence } from '../evidence/types';
import { writeHtmlReport } from './html-report';
import { writeManifest } from './manifest';
import { runFacts, type PlannedScenario } from './report-model';
import type { Summary } from './summary-types';

export interface RunOutputs {
  summary: Summary;
  planned: PlannedScenario[];
  evidence: Map<string, ScenarioEvidence>;
  order?: string;
}

export function writeRunReports(reportsDir: string, run: RunOutputs): void {
  writeHtmlReport(reportsDir, { summary: run.summary, planned: run.planned, evidence: run.evidence, facts: runFacts(PACKAGE_ROOT, run.order) });
  writeManifest(reportsDir);
}
