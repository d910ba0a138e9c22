/**
 * The behaviour catalogue: every behaviour the harness knows, one record each (./behaviour.ts), and the
 * one home of each ID, text, source, hop and expected answer. Scenarios carry the IDs as tags, failures
 * name them, the rule tables key their checks by them, and the reports compute coverage from this list.
 * Adding a behaviour is one record here plus its check or probe where that lives.
 */
import type { Behaviour, ExpectedAnswer } from './behaviour';
import { ARS } from './behaviours/ars';
import { CONSUMER } from './behaviours/consumer';
import { DEPTH } from './behaviours/depth';
import { DEPTH_AFTER_BOOKING } from './behaviours/depth-after-booking';
import { DOCUMENTS, DOCUMENTS_CONSUMER } from './behaviours/documents';
import { ANSWER, EDGE } from './behaviours/edge';
import { SSP } from './behaviours/ssp';
import { SUITE_PARITY } from './behaviours/suite-parity';
import { TOPOLOGY } from './behaviours/topology';
import { WORKED_EXAMPLE } from './behaviours/worked-example';
import type { Hop } from './hop';
import { lenientFaultOf } from './faults';
import { publicPages, publicSource, type SpecPage } from './sources';

export const CATALOGUE = [
  ...WORKED_EXAMPLE,
  ...DEPTH,
  ...DEPTH_AFTER_BOOKING,
  ...EDGE,
  ...ANSWER,
  ...SSP,
  ...TOPOLOGY,
  ...ARS,
  ...DOCUMENTS,
  ...CONSUMER,
  ...SUITE_PARITY,
  ...DOCUMENTS_CONSUMER,
] as const satisfies readonly Behaviour[];

export type RequirementId = (typeof CATALOGUE)[number]['id'];
export type EdgeRuleId = (typeof EDGE)[number]['id'];
export type AnswerRuleId = (typeof ANSWER)[number]['id'];
export type SspRuleId = (typeof SSP)[number]['id'];
export type ConsumerRuleId = (typeof CONSUMER)[number]['id'] | (typeof DOCUMENTS_CONSUMER)[number]['id'];

/** A behaviour as the reports show it: the public page it comes from, not only the facts section. */
export interface Requirement {
  id: RequirementId;
  actor: Behaviour['actor'];
  hop: Hop;
  text: string;
  /** Public spec page(s) with section, then the facts sections in brackets. */
  source: string;
  pages: readonly SpecPage[];
  facts: string;
  answers: readonly ExpectedAnswer[];
  checkedBy: Behaviour['checkedBy'];
  /** The simulator fault that skips this behaviour's check, where a simulator enforces it. */
  lenientFault?: string;
}

const asRequirement = (b: Behaviour): Requirement => ({
  id: b.id as RequirementId,
  actor: b.actor,
  hop: b.hop,
  text: b.text,
  source: publicSource(b.facts),
  pages: publicPages(b.facts),
  facts: b.facts,
  answers: b.answers ?? [],
  checkedBy: b.checkedBy,
  lenientFault: lenientFaultOf(b.id, b.checkedBy),
});

/**
 * Every behaviour, as requirements. A run's coverage counts them all: the consumer's own rules (CON-) are
 * judged by `gpc-assure consumer` on recorded traffic, so a conformance run shows them uncovered rather
 * than leaving them out.
 */
export const REQUIREMENTS: readonly Requirement[] = CATALOGUE.map(asRequirement);

const byId = new Map<string, Requirement>(REQUIREMENTS.map((r) => [r.id, r]));

export const isRequirementId = (id: string): id is RequirementId => byId.has(id);

export function requirement(id: string): Requirement | undefined {
  return byId.get(id);
}

/** The record of an ID the code names: a typo is a type error, and an ID missing at run time is a harness bug. */
export function behaviour(id: RequirementId): Requirement {
  const found = byId.get(id);
  if (!found) throw new Error(`no behaviour ${id} in the catalogue (support/domain/catalogue.ts)`);
  return found;
}

/** The hop a requirement's failure blames, unless a check names another. */
export const hopOf = (id: string): Hop | undefined => byId.get(id)?.hop;

/** Requirement IDs among a scenario's tags (`@WE-1a` → `WE-1a`). */
export function requirementTags(tags: readonly string[]): RequirementId[] {
  return tags.map((t) => t.replace(/^@/, '')).filter(isRequirementId);
}

/** The one answer a single-answer behaviour expects (an SSP refusal, an edge rule's refusal). */
export function expectedAnswer(id: RequirementId): ExpectedAnswer {
  const [only, ...more] = behaviour(id).answers;
  if (!only || more.length) throw new Error(`${id} expects ${more.length ? 'several answers' : 'no answer'}`);
  return only;
}
