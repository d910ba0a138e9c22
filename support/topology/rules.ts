/**
 * The system topology rules TOP-T1 … TOP-T13 as data. A static rule checks the registry's records
 * (support/topology/record-checks.ts) and returns one Violation per problem, naming the records involved so
 * the report and the SVG can point at them. T2, T3, T12 and T13 are about traffic, not records: they say how
 * features/topology checks them.
 */
import type { AsRecord, Registry } from '../domain/registry';
import { behaviour } from '../domain/catalogue';
import { t1, t10, t11, t4, t5, t6, t7, t8, t9, type RuleId, type Violation } from './record-checks';

export { mhsKey } from './record-checks';
export type { RecordRef, RuleId, Violation } from './record-checks';

export interface TopologyRule {
  id: RuleId;
  text: string;
  source: string;
  /** Over the records; absent for the rules only traffic can show. */
  check?: (registry: Registry) => Violation[];
  /** For a dynamic rule: how the topology features check it against the running Spine. */
  dynamic?: string;
  /**
   * Records the check reads that only an estate file can give: SDS holds no central-service registrations,
   * so over an estate rebuilt from SDS the rule would pass by looking at nothing.
   */
  needs?: 'centralServices';
}

/** Each rule's check (or, for a dynamic rule, how traffic shows it), keyed by its catalogue ID TOP-<id>. */
const CHECKS: readonly Omit<TopologyRule, 'text' | 'source'>[] = [
  {
    id: 'T1',
    check: t1,
  },
  {
    id: 'T2',
    dynamic: "a recorded SSP request: the ODS of Ssp-From's AS record equals the JWT requesting_organization's ODS",
  },
  {
    id: 'T3',
    dynamic: "a sender with no data-sharing agreement gets the SSP's 403 refusal (SSP-FOT)",
  },
  {
    id: 'T4',
    check: t4,
    needs: 'centralServices',
  },
  { id: 'T5', check: t5 },
  {
    id: 'T6',
    check: t6,
  },
  {
    id: 'T7',
    check: t7,
  },
  {
    id: 'T8',
    check: t8,
  },
  {
    id: 'T9',
    check: t9,
  },
  {
    id: 'T10',
    check: t10,
  },
  {
    id: 'T11',
    check: t11,
  },
  {
    id: 'T12',
    dynamic: "a request whose Ssp-To is not the practice's ASID is refused with 400 before the practice answers",
  },
  {
    id: 'T13',
    dynamic: 'the two-step SDS lookup yields exactly one Endpoint and exactly one Device',
  },
];

/** The rules with their catalogue text and source (support/domain/behaviours/topology.ts). */
export const RULES: readonly TopologyRule[] = CHECKS.map((r) => {
  const { text, source } = behaviour(`TOP-${r.id}`);
  return { ...r, text, source };
});

const byId = new Map(RULES.map((r) => [r.id, r]));

export function rule(id: string): TopologyRule {
  const found = byId.get(id as RuleId);
  if (!found) throw new Error(`unknown topology rule "${id}"; known: ${RULES.map((r) => r.id).join(', ')}`);
  return found;
}

export const STATIC_RULES = RULES.filter((r) => r.check);

/** Every violation of every static rule. */
export function violations(registry: Registry): Violation[] {
  return STATIC_RULES.flatMap((r) => r.check!(registry));
}

/** What T2 reads from one recorded SSP request. */
export interface RequestOrigin {
  sspFrom: string;
  /** The ODS code in the JWT's requesting_organization. */
  requestingOds?: string;
}

/**
 * T2 over one request: Ssp-From must be an ASID registered at the organisation the JWT names as requesting,
 * so a portal sending with its hosting organisation's ASID on behalf of a practice is flagged. `asAtOrigin`
 * is SDS's AS records at the requesting organisation.
 */
export function originViolation(request: RequestOrigin, asAtOrigin: AsRecord[]): Violation | undefined {
  if (!request.requestingOds)
    return { rule: 'T2', records: [], message: 'the JWT names no requesting_organization ODS code' };
  if (asAtOrigin.some((a) => a.asid === request.sspFrom)) return undefined;
  return {
    rule: 'T2',
    records: [{ kind: 'organisation', id: request.requestingOds }],
    message: `Ssp-From ${request.sspFrom} is not an ASID of ${request.requestingOds}, the requesting_organization the JWT names`,
  };
}
