/**
 * Simulators lenient on one interaction only (issues 16.1, 13.5): `provider-lenient-<rule>@<interaction>` skips
 * one edge or answer rule on that interaction and keeps it on every other, and `ssp-lenient-<rule>@<interaction>`
 * does the same for one SSP rule, so the Spine-edge features must catch it on exactly that interaction's row.
 * Made on demand from the id (rules × interactions is too many to list).
 */
import { interaction as interactionNamed, INTERACTIONS } from '../../interactions';
import { ANSWER_RULES, EDGE_RULES, lenientFault, type EdgeRule, type RequestFacts } from '../../jwt/jwt-rules';
import { sspLenientFault, SSP_RULES, type SspRuleId } from '../../spine/ssp-rules';
import type { FaultMode } from '../fault-points';

const FORM = /^(provider|ssp)-lenient-([A-Z0-9-]+)@(.+)$/;

/** The fault id lenient on `ruleId` at the interaction named `name`. */
export const lenientAtFault = (ruleId: string, name: string) => `${lenientFault(ruleId)}@${name}`;
export const sspLenientAtFault = (ruleId: SspRuleId, name: string) => `${sspLenientFault(ruleId)}@${name}`;

/**
 * Whether a request is the interaction: the one its Ssp-InteractionID names, or, when it names none the URL
 * allows, the one its URL and method could be (a PUT on an Appointment could be amend or cancel).
 */
const isOn = (f: RequestFacts, name: string) =>
  f.interaction ? f.interaction.name === name : f.candidates.some((c) => c.name === name);

/** The fault for an id of the per-interaction form, or undefined for any other id. */
export function lenientAtFaultMode(id: string): FaultMode | undefined {
  const [, hop, ruleId, name] = FORM.exec(id) ?? [];
  if (!ruleId || !INTERACTIONS.some((i) => i.name === name)) return undefined;
  const i = interactionNamed(name);
  if (hop === 'ssp') {
    const rule = SSP_RULES.find((r) => r.id === ruleId);
    if (!rule) return undefined;
    return {
      id,
      hop: 'ssp',
      description: `The SSP skips ${ruleId} on ${i.name}, and keeps it on every other interaction`,
      breaks: [ruleId],
      effects: {
        'ssp.rules': (rules, context) =>
          context?.interaction === name ? new Set([...rules].filter((r) => r !== rule.id)) : rules,
      },
    };
  }
  const base = {
    id,
    hop: 'provider' as const,
    description: `The provider skips ${ruleId} on ${i.name}, and keeps it on every other interaction`,
    breaks: [ruleId],
  };
  if (EDGE_RULES.some((r) => r.id === ruleId))
    return {
      ...base,
      effects: {
        'provider.edge-rules': (rules: readonly EdgeRule[]) =>
          rules.map((r) =>
            r.id === ruleId ? { ...r, check: (f, c) => (isOn(f, name) ? undefined : r.check(f, c)) } : r,
          ),
      },
    };
  if (ANSWER_RULES.some((r) => r.id === ruleId))
    return {
      ...base,
      effects: {
        'provider.answer-rules': (keeps, context) =>
          context?.interaction === name ? new Set([...keeps].filter((r) => r !== ruleId)) : keeps,
      },
    };
  return undefined;
}
