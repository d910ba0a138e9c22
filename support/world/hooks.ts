/**
 * Run lifecycle: BeforeAll starts what the run's worldParameters point at (support/simulators/run-services.ts:
 * the embedded simulators, or a target file's services) once per process (per worker under --parallel), and
 * AfterAll stops it. After every scenario its evidence and any failure record are attached to the message
 * stream, once; the reports formatter plugin (support/reports/) writes evidence/, summary.json and the rest.
 */
import { After, AfterAll, Before, BeforeAll, Status, setDefaultTimeout } from '@cucumber/cucumber';
import { unmetNeeds } from '../config/abilities';
import { NOT_SUPPORTED_PREFIX } from './advertised';
import { PATIENT_ROLES } from './parameters';
import { runParameters } from '../config/run-parameters';
import {
  EVIDENCE_MEDIA_TYPE,
  FAILURE_MEDIA_TYPE,
  NOT_APPLICABLE_MEDIA_TYPE,
  type FailureRecord,
  type ScenarioEvidence,
} from '../evidence/types';
import { redactText } from '../evidence/redact';
import { requirementTags } from '../domain/catalogue';
import { describeFindings } from './profile-check';
import { startRunServices, type RunServices } from '../simulators/run-services';
import type { GpcWorld } from './world';

setDefaultTimeout(60_000);

/**
 * This process's running services. Cucumber gives BeforeAll no World, so what it starts is held here for
 * Before (which hands the target to each World) and AfterAll (which stops it); what to start comes only
 * from worldParameters.
 */
let services: RunServices | undefined;

BeforeAll(async function (this: { parameters: unknown }) {
  services = await startRunServices(runParameters(this.parameters));
});

AfterAll(async function () {
  await services?.stop();
});

Before(function (this: GpcWorld, { pickle, gherkinDocument }) {
  if (!services) throw new Error("the run's services did not start (see the BeforeAll hook's failure)");
  this.target = services.target;
  this.scenario = {
    name: pickle.name,
    feature: gherkinDocument.feature?.name ?? '',
    tags: pickle.tags.map((t) => t.name),
  };
  // Not run, and reported as not applicable with why: the target cannot offer what the scenario needs, by its
  // @needs-… tags and by the test patients its steps name ({patient}), which need no tag to stay in step.
  const reasons = unmetNeeds(this.target, [...this.scenario.tags, ...patientNeeds(pickle.steps.map((s) => s.text))]);
  if (!reasons.length) return undefined;
  this.attach(JSON.stringify({ reasons }), NOT_APPLICABLE_MEDIA_TYPE);
  return 'skipped';
});

const ROLE_PHRASE = new RegExp(`the (${Object.keys(PATIENT_ROLES).join('|')}) patient`, 'g');
/** `@needs-patient-<role>` for each test-patient role the steps name. */
const patientNeeds = (texts: string[]) => [
  ...new Set(texts.flatMap((t) => [...t.matchAll(ROLE_PHRASE)].map((m) => `@needs-patient-${PATIENT_ROLES[m[1]]}`))),
];

After(async function (this: GpcWorld, { result }) {
  let profileFailure: string | undefined;
  // A provider that does not advertise the interaction ended the scenario: an outcome, not a failure of ours.
  const notSupported = result?.exception?.message?.startsWith(NOT_SUPPORTED_PREFIX) ?? false;
  if (result?.status !== Status.PASSED && !this.failure && result?.status === Status.FAILED && !notSupported) {
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
  // Attached once; the reports plugin writes it to evidence/ and index.html from the message stream.
  this.attach(JSON.stringify(evidence, null, 2), EVIDENCE_MEDIA_TYPE);
  if (this.failure) this.attach(JSON.stringify(this.failure), FAILURE_MEDIA_TYPE);
  // Thrown last, so the evidence and the failure record are attached first.
  if (profileFailure) throw new Error(profileFailure);
});
