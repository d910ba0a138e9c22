/**
 * One behaviour of the Spine estate, as one record: its ID, who must behave (actor), whom a failure blames
 * (hop), what it says, the facts it comes from, the answer it expects where it has one, and where its check
 * lives. The check stays beside its peers (an edge rule in support/jwt/jwt-rules.ts, an SSP rule's probe in
 * support/spine/ssp-rules.ts, a topology rule in support/topology/rules.ts, a consumer rule in
 * support/consumer/rules.ts, a scenario in features/), keyed by this record's ID.
 */
import type { Actor, Hop } from './hop';
import type { SpineCode, SspText } from './spine-codes';

/** An expected answer: the status, and the Spine code it carries or the SSP text it names. */
export interface ExpectedAnswer {
  status: number;
  code?: SpineCode;
  names?: SspText;
}

/** Where the behaviour's check lives. */
export type CheckedBy = 'scenario' | 'edge-rule' | 'answer-rule' | 'ssp-rule' | 'topology-rule' | 'consumer-rule';

export interface Behaviour {
  id: string;
  actor: Actor;
  hop: Hop;
  text: string;
  /** The facts sections it restates; support/domain/sources.ts maps them to public pages. */
  facts: string;
  answers?: readonly ExpectedAnswer[];
  checkedBy: CheckedBy;
}
