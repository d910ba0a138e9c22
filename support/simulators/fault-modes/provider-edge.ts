/**
 * Provider faults at the Spine edge (the NHS provider assurance JWT.feature, 'Content types, compression and caching'): one lenient provider per edge or answer rule,
 * generated from the rule tables, and the hand-written over-strict ones that add a rule no provider may have.
 */
import type { Claims } from '../../jwt/gpc-jwt';
import { ANSWER_RULES, EDGE_RULES, lenientFault, type EdgeRule, type RequestFacts } from '../../jwt/jwt-rules';
import { SYS } from '../../spine/systems';
import { without, type FaultEffects, type FaultMode } from '../fault-points';
import { SPINE } from '../../domain/spine-codes';

const identifiers = (resource: unknown) =>
  ((resource as { identifier?: unknown } | undefined)?.identifier ?? []) as { system?: string; value?: string }[];

/** A rule a conformant provider does not have, filed under the requirement whose tolerance it breaks. */
function overStrict(id: string, check: (f: RequestFacts, c: Claims | undefined) => string | undefined) {
  const rule: EdgeRule = {
    id,
    text: `over-strict ${id}`,
    source: 'fault mode',
    status: 400,
    spineCode: SPINE.BAD_REQUEST,
    check,
  };
  return { 'provider.edge-rules': (rules: readonly EdgeRule[]) => [...rules, rule] };
}

/**
 * Over-strict providers: each refuses one request a conformant provider must accept (the NHS provider assurance JWT.feature), so the
 * spine-edge tolerance scenarios are seen to fail too.
 */
export const OVER_STRICT_FAULT_MODES = [
  {
    id: 'provider-strict-future-iat',
    hop: 'provider',
    description: 'The provider refuses a JWT issued in the future (no clock-skew tolerance)',
    breaks: ['JWT-EXPIRED'],
    effects: overStrict('JWT-EXPIRED', (f, c) =>
      Number(c?.iat) > f.nowSeconds ? `iat ${c?.iat} is in the future` : undefined,
    ),
  },
  {
    id: 'provider-strict-unk-sds-ids',
    hop: 'provider',
    description: 'The provider refuses a practitioner whose SDS ids are UNK',
    breaks: ['JWT-PRACTITIONER-RESOURCE'],
    effects: overStrict('JWT-PRACTITIONER-RESOURCE', (_f, c) =>
      identifiers(c?.requesting_practitioner).some((i) => i.value === 'UNK') ? 'an SDS id is UNK' : undefined,
    ),
  },
  {
    id: 'provider-strict-role-profile',
    hop: 'provider',
    description: 'The provider refuses a practitioner with no SDS role profile id',
    breaks: ['JWT-PRACTITIONER-RESOURCE'],
    effects: overStrict('JWT-PRACTITIONER-RESOURCE', (_f, c) =>
      identifiers(c?.requesting_practitioner).some((i) => i.system === SYS.sdsRoleProfileId)
        ? undefined
        : 'no SDS role profile id',
    ),
  },
  {
    id: 'provider-strict-ods-system',
    hop: 'provider',
    description: 'The provider refuses an organisation under the legacy ODS system',
    breaks: ['JWT-ORGANIZATION-RESOURCE'],
    effects: overStrict('JWT-ORGANIZATION-RESOURCE', (_f, c) =>
      identifiers(c?.requesting_organization).every((i) => i.system === SYS.odsOrg)
        ? undefined
        : 'an identifier system is not https://fhir.nhs.uk/Id/ods-organization-code',
    ),
  },
] as const satisfies readonly FaultMode[];

/**
 * One lenient provider per Spine-edge rule: it skips exactly that rule. Generated from the rule tables so
 * a new rule gets its fault (and the lenient-modes meta-test proves some scenario catches it).
 */
const LENIENT_EFFECTS: { rule: { id: string; text: string }; effects: FaultEffects }[] = [
  ...EDGE_RULES.map((rule) => ({
    rule,
    effects: { 'provider.edge-rules': (rules: readonly EdgeRule[]) => rules.filter((r) => r.id !== rule.id) },
  })),
  ...ANSWER_RULES.map((rule) => ({ rule, effects: { 'provider.answer-rules': without<string>(rule.id) } })),
];
export const LENIENT_FAULT_MODES: readonly FaultMode[] = LENIENT_EFFECTS.map(({ rule, effects }) => ({
  id: lenientFault(rule.id),
  hop: 'provider',
  description: `The provider skips ${rule.id}: ${rule.text}`,
  breaks: [rule.id],
  effects,
}));
