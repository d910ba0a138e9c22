/**
 * One typed World per scenario: the target, the evidence log every exchange lands in, the values carried
 * from hop to hop, and the failure record a check leaves behind for the reports.
 */
import { randomUUID } from 'node:crypto';
import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import type { RunParameters } from '../config/run-parameters';
import type { PatientData, Target } from '../config/target';
import type { FailureRecord } from '../evidence/types';
import { EvidenceLog, type HttpResult } from '../spine/http';
import type { Hop } from '../domain/hop';
import { requirementTags } from '../domain/catalogue';
import { checkExchangeProfiles, type ProfileFinding } from './profile-check';

export interface ServiceEndpoint {
  root: string;
  partyKey: string;
  ods: string;
}

/** What the worked example carries forward (WE-J1): each hop's output is the next hop's input. */
export interface JourneyState {
  patientRole?: string;
  patient?: PatientData;
  /** The NHS number GP Connect calls use: the surviving number when PDS says it was superseded. */
  nhsNumber?: string;
  pdsPatient?: Record<string, unknown>;
  ods?: string;
  endpoint?: ServiceEndpoint;
  providerAsid?: string;
  slotSearch?: { start: string; end: string; bundle: Record<string, unknown> };
  slot?: Record<string, unknown>;
  providerPatientId?: string;
  appointment?: Record<string, unknown>;
  bookedSlotId?: string;
}

/** On by default; GPC_PROFILE_VALIDATION=off exists only to measure what validation costs. */
const PROFILE_VALIDATION = process.env.GPC_PROFILE_VALIDATION !== 'off';

/** `parameters` (Cucumber's worldParameters) say what the run targets; hooks.ts starts it and sets `target`. */
export class GpcWorld extends World<RunParameters> {
  target!: Target;
  readonly evidence = new EvidenceLog();
  readonly correlationId = randomUUID();
  scenario = { name: '', feature: '', tags: [] as string[] };
  failure?: FailureRecord;
  state: JourneyState = {};
  /** The latest answer from each hop, for the generic Then steps. */
  readonly answers = new Map<Hop, HttpResult>();
  /** Set when a journey stops on purpose (a restricted patient has no GP to route to). */
  stoppedBecause?: string;

  constructor(options: IWorldOptions<RunParameters>) {
    super(options);
  }

  /** The scenario's first requirement tag: what a generic check is evidence for. */
  get requirement(): string {
    return requirementTags(this.scenario.tags)[0] ?? 'untagged';
  }

  /** The scenario's declared hop (`@hop:pds`), used when a failure names none. */
  get declaredHop(): Hop {
    // Pickle tags list the feature's first, so the scenario's own @hop: tag is the last one.
    const tag = this.scenario.tags.filter((t) => t.startsWith('@hop:')).pop();
    const hop = tag?.slice('@hop:'.length);
    return hop === 'pds' || hop === 'sds' || hop === 'ssp' || hop === 'provider' ? hop : 'provider';
  }

  /** The hop that answered most recently: what "the Bundle" in a Then step refers to. */
  latestHop?: Hop;

  /** Profile errors seen so far; the After hook fails the scenario on them if nothing else did. */
  readonly profileFindings: ProfileFinding[] = [];
  /** Deliberately wrong requests (overridden claims or headers) are not held to the profiles. */
  validateRequests = true;

  remember(hop: Hop, result: HttpResult): HttpResult {
    if (PROFILE_VALIDATION) this.profileFindings.push(...checkExchangeProfiles(hop, result, this.validateRequests));
    this.answers.set(hop, result);
    this.latestHop = hop;
    return result;
  }

  answer(hop: Hop): HttpResult {
    const result = this.answers.get(hop);
    if (!result) throw new Error(`no ${hop} exchange has happened in this scenario yet`);
    return result;
  }

  /** Values carried between hops, recorded with the evidence. */
  readonly journeyValues: Record<string, string> = {};
  carry(key: string, value: string): void {
    this.journeyValues[key] = value;
  }
}

setWorldConstructor(GpcWorld);
