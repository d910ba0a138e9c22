/**
 * A consumer adapts to what a provider advertises: before using an interaction a provider may leave out, the
 * harness reads the root's CapabilityStatement, and when the interaction is not declared the scenario ends as
 * not supported by the provider (not a failure of whatever check would have come next), with the
 * CapabilityStatement exchange as its evidence.
 */
import { interaction, type Interaction, type InteractionName } from '../interactions';
import { advertises } from '../gpconnect/capability-checks';
import { NOT_SUPPORTED_MEDIA_TYPE } from '../evidence/types';
import { sendGpc } from '../spine/ssp-client';
import type { GpcWorld } from './world';

/** Interactions a provider may leave out of its CapabilityStatement, checked there before use. */
export const ADVERTISED_BEFORE_USE: readonly InteractionName[] = ['book appointment'];

const METADATA_OF: Record<Interaction['capability'], InteractionName> = {
  appointments: 'read metadata',
  structured: 'read structured metadata',
  documents: 'read documents metadata',
};

/** How the error that stops the scenario starts: the After hook reads it as an outcome, not a failure. */
export const NOT_SUPPORTED_PREFIX = 'not supported by the provider: ';

export async function requireAdvertised(w: GpcWorld, i: Interaction, root: string, providerAsid: string) {
  if (!(ADVERTISED_BEFORE_USE as readonly string[]).includes(i.name)) return;
  const metadata = interaction(METADATA_OF[i.capability]);
  const result = await sendGpc(w.evidence, w.target, { interaction: metadata, root, providerAsid });
  let cs: Record<string, unknown> | undefined;
  try {
    cs = result.status === 200 ? (JSON.parse(result.text) as Record<string, unknown>) : undefined;
  } catch {
    cs = undefined;
  }
  // Without a CapabilityStatement there is nothing to adapt to: the interaction is tried, and judged, as before.
  if (cs?.resourceType !== 'CapabilityStatement' || advertises(cs, i)) return;
  const exchange = w.evidence.exchanges.at(-1)?.seq;
  const reason = `${i.name} (${i.method} ${i.path}) is not declared in the CapabilityStatement of ${root}`;
  w.attach(JSON.stringify({ reasons: [reason], exchange }), NOT_SUPPORTED_MEDIA_TYPE);
  throw new Error(`${NOT_SUPPORTED_PREFIX}${reason}`);
}
