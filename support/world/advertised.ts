/**
 * A consumer adapts to what a provider advertises: before using any provider interaction through the SSP, the
 * harness consults the root's CapabilityStatement, and when the interaction is not declared the scenario ends
 * as not supported by the provider (not a failure of whatever check would have come next), with the
 * CapabilityStatement exchange as its evidence. The statement the scenario already read for that root is
 * reused; otherwise it is read once per root per scenario.
 */
import { CAPABILITY_SEGMENT, interaction, type Interaction, type InteractionName } from '../interactions';
import { advertises } from '../gpconnect/capability-checks';
import { NOT_SUPPORTED_MEDIA_TYPE } from '../evidence/types';
import { sendGpc } from '../spine/ssp-client';
import type { HttpResult } from '../spine/http';
import type { GpcWorld } from './world';

const METADATA_OF: Record<Interaction['capability'], InteractionName> = {
  appointments: 'read metadata',
  structured: 'read structured metadata',
  documents: 'read documents metadata',
};

/** How the error that stops the scenario starts: the After hook reads it as an outcome, not a failure. */
export const NOT_SUPPORTED_PREFIX = 'not supported by the provider: ';

type Json = Record<string, unknown>;
/** A root's CapabilityStatement as read in this scenario (undefined when the read gave none) and its exchange. */
interface CapabilityRead {
  cs?: Json;
  exchange?: number;
}

/** Per scenario (one world each), per capability and root. */
const READS = new WeakMap<GpcWorld, Map<string, CapabilityRead>>();

function readsOf(w: GpcWorld): Map<string, CapabilityRead> {
  let reads = READS.get(w);
  if (!reads) READS.set(w, (reads = new Map()));
  return reads;
}

const keyOf = (i: Interaction, root: string) => `${i.capability} ${root}`;
const isMetadata = (i: Interaction) => i.name === METADATA_OF[i.capability];

function capabilityStatementIn(result: HttpResult): Json | undefined {
  if (result.status !== 200) return undefined;
  try {
    const body = JSON.parse(result.text) as Json;
    return body?.resourceType === 'CapabilityStatement' ? body : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps a CapabilityStatement the scenario read itself, so the check before use need not read it again. */
export function noteCapabilityRead(w: GpcWorld, i: Interaction, root: string, result: HttpResult): void {
  const cs = isMetadata(i) ? capabilityStatementIn(result) : undefined;
  if (cs) readsOf(w).set(keyOf(i, root), { cs, exchange: result.exchange?.seq });
}

/**
 * Only on the root that should serve the interaction: a request sent elsewhere (a wrong-root probe) is judged
 * on its answer, not turned into not-supported by a statement that root was never meant to hold.
 */
const servesCapability = (i: Interaction, root: string) => root.endsWith(`/${CAPABILITY_SEGMENT[i.capability]}`);

async function capabilityRead(w: GpcWorld, i: Interaction, root: string, providerAsid: string) {
  const reads = readsOf(w);
  const known = reads.get(keyOf(i, root));
  if (known) return known;
  const result = await sendGpc(w.evidence, w.target, {
    interaction: interaction(METADATA_OF[i.capability]),
    root,
    providerAsid,
  });
  const read = { cs: capabilityStatementIn(result), exchange: result.exchange?.seq };
  reads.set(keyOf(i, root), read);
  return read;
}

export async function requireAdvertised(w: GpcWorld, i: Interaction, root: string, providerAsid: string) {
  if (isMetadata(i) || !servesCapability(i, root)) return;
  const { cs, exchange } = await capabilityRead(w, i, root, providerAsid);
  // Without a CapabilityStatement there is nothing to adapt to: the interaction is tried, and judged, as before.
  if (!cs || advertises(cs, i)) return;
  const reason = `${i.name} (${i.method} ${i.path}) is not declared in the CapabilityStatement of ${root}`;
  w.attach(JSON.stringify({ reasons: [reason], exchange }), NOT_SUPPORTED_MEDIA_TYPE);
  throw new Error(`${NOT_SUPPORTED_PREFIX}${reason}`);
}
