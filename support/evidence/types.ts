/**
 * The evidence contract between the World (which records), the reports (which summarise) and the CLI.
 * Attachments with these media types travel through Cucumber's message stream, so they survive --parallel.
 */
import type { Hop } from '../domain/hop';
import type { BinarySummary } from './binary';
import type { ValidationIssue } from '../fhir/validator';

export const EVIDENCE_MEDIA_TYPE = 'application/vnd.gpc-assure.evidence+json';
export const FAILURE_MEDIA_TYPE = 'application/vnd.gpc-assure.failure+json';
/** A scenario the target cannot run (support/config/abilities.ts): `{ reasons: string[] }`. */
export const NOT_APPLICABLE_MEDIA_TYPE = 'application/vnd.gpc-assure.not-applicable+json';
/** A scenario whose interaction the provider does not advertise (support/world/advertised.ts): `{ reasons, exchange }`. */
export const NOT_SUPPORTED_MEDIA_TYPE = 'application/vnd.gpc-assure.not-supported+json';

/**
 * Network-level failure kinds, named so a red run says at once what broke. The body-phase kinds happen after
 * the status line arrived: the body was cut short, grew past the harness's cap, or dripped past the deadline.
 */
export type TransportFault =
  | 'timeout'
  | 'connection-reset'
  | 'connection-refused'
  | 'dns'
  | 'tls'
  | 'network'
  | 'truncated-body'
  | 'oversize-body'
  | 'slow-body'
  // A credential refused before the request could be sent (the PDS token exchange, support/spine/pds-auth.ts).
  | 'auth';

export interface Exchange {
  /** 1-based order within the scenario. */
  seq: number;
  hop: Exclude<Hop, 'config'>;
  interaction?: string;
  startedAt: string;
  durationMs: number;
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  /** A Binary's content is not kept: `binary` names its type, size and sha256 instead (support/evidence/binary.ts). */
  response?: { status: number; headers: Record<string, string>; body?: string; binary?: BinarySummary };
  /** Decoded GP Connect JWT (unsigned; claims are evidence, not secrets). */
  jwt?: { header: Record<string, unknown>; claims: Record<string, unknown> } | { problem: string };
  transportError?: { kind: TransportFault; message: string };
  /** Profile validation of the bodies (issue 3): present once the exchange was checked. */
  validation?: { request?: ValidationIssue[]; response?: ValidationIssue[] };
}

/** One failed check, as attached to the scenario and carried into summary.json. */
export interface FailureRecord {
  hop: Hop;
  requirement: string;
  message: string;
  expected?: string;
  actual?: string;
  /** seq of the exchange that is the evidence, when there is one. */
  exchange?: number;
  /** e.g. 'timeout', 'malformed-json', 'html-error-page', 'status' — what kind of thing went wrong. */
  kind?: string;
}

export interface ScenarioEvidence {
  scenario: string;
  feature: string;
  tags: string[];
  target: string;
  exchanges: Exchange[];
  failure?: FailureRecord;
  /** Values carried from hop to hop (ODS code, root, ASID, slot, patient). */
  journey: Record<string, string>;
}
