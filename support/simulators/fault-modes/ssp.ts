/**
 * The SSP faults: each takes one rule out of the set the embedded SSP enforces (support/spine/ssp-rules.ts).
 * For the provider leg that is more than skipping a check: see `lenient` in SSP_RULES.
 */
import { SSP_RULES, sspLenientFault } from '../../spine/ssp-rules';
import { without, type FaultMode } from '../fault-points';

/** The worked example's names for two of them (WE-3c and WE-3d are these rules seen from the journey). */
export const SSP_FAULTS = [
  {
    id: 'ssp-lenient-url',
    hop: 'ssp',
    description: 'The SSP forwards URLs that differ from the SDS root',
    breaks: ['WE-3c'],
    effects: { 'ssp.rules': without('SSP-URL') },
  },
  {
    id: 'ssp-no-fot-check',
    hop: 'ssp',
    description: 'The SSP forwards between ASIDs with no data-sharing agreement',
    breaks: ['WE-3d'],
    effects: { 'ssp.rules': without('SSP-FOT') },
  },
] as const satisfies readonly FaultMode[];

/**
 * One lenient SSP per SSP rule, generated from SSP_RULES: it skips that check, or for the provider leg
 * (502, 504) answers as a broken SSP would. The lenient-modes meta-test proves the rule's scenarios catch it.
 */
export const SSP_LENIENT_FAULT_MODES: readonly FaultMode[] = SSP_RULES.map((rule) => ({
  id: sspLenientFault(rule.id),
  hop: 'ssp',
  description: `The SSP ${'lenient' in rule ? rule.lenient : `skips ${rule.id}: ${rule.text}`}`,
  breaks: [rule.id],
  effects: { 'ssp.rules': without(rule.id) },
}));
