/**
 * Run lifecycle: the target is loaded (GPC_TARGET) or the embedded simulators are started (GPC_FAULTS)
 * once per run (per worker under --parallel); a target with `ssp: { embedded: true }` gets the embedded SSP
 * and provider only, agreeing with the target's own SDS (embedded-ssp.ts). After every scenario its evidence
 * is attached to the Cucumber report and written to reports/evidence/, and a failure record is attached for
 * summary.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { After, AfterAll, Before, BeforeAll, Status, setDefaultTimeout } from '@cucumber/cucumber';
import { loadTargetFile, type Target } from '../config/target';
import { EVIDENCE_MEDIA_TYPE, FAILURE_MEDIA_TYPE, type FailureRecord, type ScenarioEvidence } from '../evidence/types';
import { redactText } from '../evidence/redact';
import { requirementTags } from '../domain/catalogue';
import { describeFindings } from './profile-check';
import { startSimulators, type SimulatorSet } from '../simulators';
import { startEmbeddedSsp } from './embedded-ssp';
import type { GpcWorld } from './world';

setDefaultTimeout(60_000);

const runtime: { target?: Target; simulators?: Pick<SimulatorSet, 'stop'> } = {};
const reportsDir = process.env.GPC_REPORTS_DIR ?? 'reports';
const evidenceDir = join(reportsDir, 'evidence');

BeforeAll(async function () {
  mkdirSync(evidenceDir, { recursive: true });
  if (process.env.GPC_TARGET) {
    const target = loadTargetFile(process.env.GPC_TARGET);
    const embedded = target.ssp.embedded ? await startEmbeddedSsp(target) : undefined;
    runtime.simulators = embedded;
    runtime.target = embedded?.target ?? target;
    return;
  }
  const faults = (process.env.GPC_FAULTS ?? '').split(',').filter(Boolean);
  const simulators = await startSimulators({ faults });
  runtime.simulators = simulators;
  runtime.target = simulators.target;
});

AfterAll(async function () {
  await runtime.simulators?.stop();
});

Before(function (this: GpcWorld, { pickle, gherkinDocument }) {
  if (!runtime.target) throw new Error('BeforeAll did not load a target');
  this.target = runtime.target;
  this.scenario = {
    name: pickle.name,
    feature: gherkinDocument.feature?.name ?? '',
    tags: pickle.tags.map((t) => t.name),
  };
});

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

After(async function (this: GpcWorld, { result, testCaseStartedId }) {
  let profileFailure: string | undefined;
  if (result?.status !== Status.PASSED && !this.failure && result?.status === Status.FAILED) {
    // Not a check of ours (a harness error or a failed assertion elsewhere): still name a hop and requirement.
    const record: FailureRecord = {
      hop: this.declaredHop,
      requirement: requirementTags(this.scenario.tags)[0] ?? 'untagged',
      message: redactText(`[${this.declaredHop}] ${result.message?.split('\n')[0] ?? 'failed'}`),
      kind: 'harness',
    };
    this.failure = record;
  }
  if (!this.failure && result?.status === Status.PASSED && this.profileFindings.length) {
    const first = this.profileFindings[0];
    this.failure = {
      hop: first.hop,
      requirement: 'FHIR-PROFILE',
      message: redactText(
        `[${first.hop}] FHIR-PROFILE (every FHIR body conforms to its profile): ${describeFindings(this.profileFindings)}`,
      ),
      exchange: first.exchange,
      kind: 'profile',
    };
    profileFailure = this.failure.message;
  }
  const evidence: ScenarioEvidence = {
    scenario: this.scenario.name,
    feature: this.scenario.feature,
    tags: this.scenario.tags,
    target: this.target?.name ?? 'unknown',
    exchanges: this.evidence.exchanges,
    failure: this.failure,
    journey: this.journeyValues,
  };
  const text = JSON.stringify(evidence, null, 2);
  writeFileSync(
    join(
      evidenceDir,
      `${slug(this.scenario.feature)}--${slug(this.scenario.name)}--${testCaseStartedId.slice(0, 8)}.json`,
    ),
    text,
  );
  this.attach(text, EVIDENCE_MEDIA_TYPE);
  if (this.failure) this.attach(JSON.stringify(this.failure), FAILURE_MEDIA_TYPE);
  // Thrown last, so the evidence and the failure record are attached first.
  if (profileFailure) throw new Error(profileFailure);
});
