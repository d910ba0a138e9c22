/**
 * The Spine Secure Proxy's own refusals (SSP-URL, SSP-HEADERS, SSP-ASID, SSP-PARTYKEY, SSP-FOT, …) as data: what it checks, the status and
 * the text its OperationOutcome carries, and the probe that breaks each rule. Scenarios send the probe and
 * expect the refusal. The 502 and 504 rows need a practice the target's test data names (one nothing answers
 * for, one that answers late); the embedded estate has both.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { InteractionName } from '../interactions';
import { behaviour, expectedAnswer, type SspRuleId } from '../domain/catalogue';
import { SSP } from '../domain/behaviours/ssp';
import { sspLenientFault as lenientSspFault } from '../domain/faults';
import type { SspText } from '../domain/spine-codes';

export type { SspRuleId } from '../domain/catalogue';

/** Who the probe claims to send from or to, resolved against the target at run time. */
export type Party = 'unknown' | 'unagreed consumer' | 'the consumer itself';

/**
 * A practice other than the registered patient's, named by the target's test data: one whose registered
 * endpoint nothing answers at, or one whose provider answers later than the SSP waits.
 */
export type ProbePractice = 'unreachable' | 'slow';

/** One way of writing the SDS root that is equivalent on the wire but not byte-identical (SSP-URL, SSP-URL-INTEGRITY). */
export const ROOT_VARIANTS = [
  'changed case',
  'an explicit port',
  'the host spelled another way',
  'a trailing slash',
  'a dot segment',
] as const;
export type RootVariant = (typeof ROOT_VARIANTS)[number];

export interface SspProbe {
  /** The wrong thing, in words (the feature's Examples repeat it, and the step checks they agree). */
  wrong: string;
  interaction: InteractionName;
  fromAsid?: Party;
  toAsid?: Party;
  root?: RootVariant;
  method?: string;
  headers?: Record<string, string | null>;
  body?: string;
  /** Sent to this practice (resolved on SDS from the test data) instead of the registered patient's. */
  practice?: ProbePractice;
}

/** An SSP rule: its catalogue record (support/domain/behaviours/ssp.ts) with the probe that breaks it. */
export interface SspRule {
  id: SspRuleId;
  text: string;
  source: string;
  status: number;
  /** What the SSP's OperationOutcome names (its display/diagnostics pattern). */
  names: SspText;
  /** The FHIR issue type of that OperationOutcome. */
  issueCode: 'invalid' | 'forbidden' | 'not-supported' | 'transient';
  /** Its display and diagnostics, containing `names`; `{fact}` is filled from the refused request. */
  display: string;
  probe?: SspProbe;
  /** What the SSP does under `ssp-lenient-<id>` when that is more than skipping the check. */
  lenient?: string;
}

const METADATA = 'read metadata' as const;

/**
 * Each rule's refusal as the SSP writes it (issue type, display template), its probe and lenient behaviour,
 * keyed by the rule's catalogue ID (which holds its text, status and the words the display must contain).
 */
const PROBES: Record<SspRuleId, Pick<SspRule, 'issueCode' | 'display' | 'probe' | 'lenient'>> = {
  'SSP-HEADERS': {
    issueCode: 'invalid',
    display: 'MISSING_HEADER_{header}',
    probe: { wrong: 'no Ssp-InteractionID header', interaction: METADATA, headers: { 'Ssp-InteractionID': null } },
  },
  'SSP-ASID': {
    issueCode: 'forbidden',
    display: 'ASID_CHECK_FAILED_MESSAGESENDER_{from}',
    probe: { wrong: 'Ssp-From an unknown ASID', interaction: METADATA, fromAsid: 'unknown' },
  },
  'SSP-PARTYKEY': {
    issueCode: 'forbidden',
    display: 'PARTYKEY_INTERACTION_CHECK_FAILED_MESSAGERECEIVER_{to}',
    probe: { wrong: "Ssp-To the consumer's own ASID", interaction: METADATA, toAsid: 'the consumer itself' },
  },
  'SSP-FOT': {
    issueCode: 'forbidden',
    display: 'FOT_CHECK_FAILED_MESSAGESENDER_{from}_MESSAGERECEIVER_{to}',
    probe: { wrong: 'Ssp-From a consumer with no agreement', interaction: METADATA, fromAsid: 'unagreed consumer' },
  },
  'SSP-URL': {
    issueCode: 'invalid',
    display: 'ENDPOINT_{endpoint}_CPAID_{cpaId}_VARIES_FROM_TARGETURL_{target}',
    probe: { wrong: 'the root with a trailing slash', interaction: METADATA, root: 'a trailing slash' },
  },
  'SSP-URL-INTEGRITY': {
    issueCode: 'invalid',
    display: 'URL_INTEGRITY_CHECK_FAILED_TARGETURL_{target}_NORMALISES_TO_{normalised}',
    probe: { wrong: 'a dot segment after the root', interaction: METADATA, root: 'a dot segment' },
  },
  'SSP-METHOD': {
    issueCode: 'not-supported',
    display: '405: Method Not Allowed',
    probe: { wrong: 'DELETE on /metadata', interaction: METADATA, method: 'DELETE' },
  },
  'SSP-MEDIA': {
    issueCode: 'not-supported',
    display: 'Unsupported_Media_Type',
    probe: {
      wrong: 'a booking sent as text/plain',
      interaction: 'book appointment',
      headers: { 'Content-Type': 'text/plain' },
      body: 'not FHIR',
    },
  },
  'SSP-UNREACHABLE': {
    issueCode: 'transient',
    display: 'ERROR_COMMUNICATING_TO_ENDPOINT_URL_{target}',
    probe: {
      wrong: 'a practice whose registered endpoint nothing answers at',
      interaction: METADATA,
      practice: 'unreachable',
    },
    lenient: 'answers 500 with no Spine code when it cannot reach the provider',
  },
  'SSP-TIMEOUT': {
    issueCode: 'transient',
    display: 'TIMEOUT_WAITING_FOR_ENDPOINT_URL_{target}',
    probe: { wrong: 'a practice whose provider answers too late', interaction: METADATA, practice: 'slow' },
    lenient: 'waits for the provider however long it takes, and relays its late answer',
  },
};

function sspRuleOf(id: SspRuleId): SspRule {
  const { text, source } = behaviour(id);
  const { status, names } = expectedAnswer(id);
  if (!names) throw new Error(`SSP rule ${id} names no SSP text in the catalogue`);
  return { id, text, source, status, names, ...PROBES[id] };
}

export const SSP_RULES: readonly SspRule[] = SSP.map(({ id }) => sspRuleOf(id));

/** The fault that makes the embedded SSP relax one of its rules (support/simulators/ssp.ts). */
export const sspLenientFault = (ruleId: SspRuleId) => lenientSspFault(ruleId);

export function sspRule(id: string): SspRule {
  const rule = SSP_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no SSP rule ${id}; known: ${SSP_RULES.map((r) => r.id).join(', ')}`);
  return rule;
}

/** What the SSP says about one refusal: the rule's display with the request's facts filled in. */
export function refusalDisplay(rule: SspRule, facts: Record<string, string> = {}): string {
  return rule.display.replace(/\{(\w+)\}/g, (_, name: string) => facts[name] ?? `{${name}}`);
}

const DEFAULT_PORT: Record<string, string> = { 'https:': '443', 'http:': '80' };

/** The same host in its other spelling: a name for a loopback address, an address for a name. */
async function otherHostSpelling(hostname: string): Promise<string> {
  if (isIP(hostname)) return hostname.startsWith('127.') || hostname === '[::1]' ? 'localhost' : hostname;
  return (await lookup(hostname)).address;
}

/**
 * The root rewritten one way: each result would reach the same server, but differs from the SDS bytes.
 * A root that already names its port gets the port with a leading zero (the same number, other bytes).
 */
export async function rewriteRoot(root: string, variant: RootVariant): Promise<string> {
  const url = new URL(root);
  const path = root.slice(url.origin.length);
  switch (variant) {
    case 'changed case':
      return `${url.origin}${path.toLowerCase() === path ? path.toUpperCase() : path.toLowerCase()}`;
    case 'an explicit port':
      return `${url.protocol}//${url.hostname}:${url.port ? `0${url.port}` : DEFAULT_PORT[url.protocol]}${path}`;
    case 'the host spelled another way':
      return `${url.protocol}//${await otherHostSpelling(url.hostname)}${url.port ? `:${url.port}` : ''}${path}`;
    case 'a trailing slash':
      return `${root}/`;
    // Not equivalent bytes but a path that resolves back into the root: `{root}/x/../metadata`.
    case 'a dot segment':
      return `${root}/x/..`;
  }
}
