/**
 * The record checks of the static topology rules TOP-T1, T4 … T11 (support/topology/rules.ts lists every
 * rule), and T2 over one recorded request: each returns one Violation per problem, naming the records
 * involved so the report and the SVG can point at them.
 */
import { INTERACTIONS, interactionById } from '../interactions';
import { rootProblem } from '../spine/service-root';
import type { AsRecord, MhsRecord, Registry, SystemRecord } from '../domain/registry';

export type RuleId = `T${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13}`;

/** A record a violation points at: a system by id, an organisation by ODS, an AS by ASID, an MHS by mhsKey. */
export interface RecordRef {
  kind: 'system' | 'organisation' | 'as' | 'mhs';
  id: string;
}

export interface Violation {
  rule: RuleId;
  records: RecordRef[];
  message: string;
}

const GPC_IDS = new Set<string>(INTERACTIONS.map((i) => i.interactionId));
const isGpc = (id: string) => GPC_IDS.has(id);

/** One MHS record is one (party key, root, interaction); records of one party key at one root draw as one box. */
export const mhsKey = (m: MhsRecord) => `${m.partyKey} ${m.endpoint}`;
const sys = (s: SystemRecord): RecordRef => ({ kind: 'system', id: s.id });
const org = (ods: string): RecordRef => ({ kind: 'organisation', id: ods });
const as = (a: AsRecord): RecordRef => ({ kind: 'as', id: a.asid });
const mhs = (m: MhsRecord): RecordRef => ({ kind: 'mhs', id: mhsKey(m) });

const providing = (s: SystemRecord) => s.role !== 'consumer';
const gpcMhs = (r: Registry) => r.mhs.filter((m) => m.interactions.some(isGpc));
const asAt = (r: Registry, s: SystemRecord, ods: string) =>
  r.as.filter((a) => a.systemId === s.id && a.odsCode === ods);
/** Every (system, organisation it serves) pair: the unit T1, T6 and T9 speak about. */
const placements = (r: Registry, keep: (s: SystemRecord) => boolean = () => true) =>
  r.systems.filter(keep).flatMap((s) => s.organisations.map((ods) => ({ s, ods, records: asAt(r, s, ods) })));
/** The AS records of a placement that are CMA-registered with GP Connect MHS records: the provider ones. */
const providerAs = (r: Registry, records: AsRecord[]) =>
  records.filter((a) => gpcMhs(r).some((m) => m.partyKey === a.partyKey && m.odsCode === a.odsCode));

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}
const distinct = <T>(items: T[]) => [...new Set(items)];
const v = (rule: RuleId, records: RecordRef[], message: string): Violation => ({ rule, records, message });

export function t1(r: Registry): Violation[] {
  const missing = placements(r)
    .filter((p) => p.records.length === 0)
    .map((p) => v('T1', [sys(p.s), org(p.ods)], `${p.s.name} is used at ${p.ods} but has no ASID registered there`));
  const shared = [...groupBy(r.as, (a) => a.asid)]
    .filter(([, records]) => distinct(records.map((a) => `${a.systemId}@${a.odsCode}`)).length > 1)
    .map(([asid, records]) =>
      v(
        'T1',
        [...records.map(as), ...distinct(records.map((a) => a.odsCode)).map(org)],
        `ASID ${asid} is shared by ${distinct(records.map((a) => `${a.systemId} at ${a.odsCode}`)).join(', ')}`,
      ),
    );
  return [...missing, ...shared];
}

export function t4(r: Registry): Violation[] {
  return (r.centralServices ?? []).flatMap((c) => [
    ...r.as
      .filter((a) => a.interactions.some(isGpc) && (c.asids.includes(a.asid) || c.partyKeys.includes(a.partyKey)))
      .map((a) =>
        v('T4', [as(a)], `GP Connect AS record ${a.asid} (${a.partyKey}) reuses a ${c.service} registration`),
      ),
    ...gpcMhs(r)
      .filter((m) => c.partyKeys.includes(m.partyKey))
      .map((m) => v('T4', [mhs(m)], `GP Connect MHS record ${mhsKey(m)} reuses ${c.service} party key ${m.partyKey}`)),
  ]);
}

export function t5(r: Registry): Violation[] {
  const byOrg = groupBy(placements(r, providing), (p) => p.ods);
  return [...byOrg]
    .filter(([, ps]) => ps.length > 1)
    .map(([ods, ps]) =>
      v(
        'T5',
        [org(ods), ...ps.map((p) => sys(p.s))],
        `${ods} has ${ps.length} GP Connect provider systems: ${ps.map((p) => p.s.name).join(', ')}`,
      ),
    );
}

/** Per practice of a provider system: its own party key and ASID, CMA, 1:1 AS↔MHS, one MHS record per interaction. */
export function t6(r: Registry): Violation[] {
  return placements(r, providing).flatMap(({ s, ods, records }) => {
    const providers = providerAs(r, records);
    if (providers.length !== 1)
      return [
        v(
          'T6',
          [sys(s), org(ods), ...providers.map(as)],
          `${s.name} at ${ods} has ${providers.length} CMA-registered AS records, not exactly one`,
        ),
      ];
    const [a] = providers;
    const samePartyKey = r.as.filter((x) => x.partyKey === a.partyKey);
    const mhsOfKey = r.mhs.filter((m) => m.partyKey === a.partyKey);
    const perInteraction = groupBy(
      mhsOfKey.flatMap((m) => m.interactions.map((i) => ({ m, i }))),
      (x) => x.i,
    );
    const problems: [boolean, RecordRef[], string][] = [
      [
        samePartyKey.length > 1,
        samePartyKey.map(as),
        `party key ${a.partyKey} is shared by ${samePartyKey.length} AS records (${distinct(samePartyKey.map((x) => x.odsCode)).join(', ')}), not one per practice`,
      ],
      [
        mhsOfKey.some((m) => m.odsCode !== ods),
        mhsOfKey.filter((m) => m.odsCode !== ods).map(mhs),
        `party key ${a.partyKey} of ${ods} has MHS records at other organisations`,
      ],
      [
        mhsOfKey.some((m) => !m.cma),
        mhsOfKey.filter((m) => !m.cma).map(mhs),
        `the MHS records of ${a.partyKey} are not CMA (combined MHS+AS) registrations`,
      ],
      [
        [...perInteraction.values()].some((xs) => xs.length > 1),
        [...perInteraction.values()].filter((xs) => xs.length > 1).flatMap((xs) => xs.map((x) => mhs(x.m))),
        `${a.partyKey} has more than one MHS record for an interaction`,
      ],
    ];
    return problems.filter(([broken]) => broken).map(([, refs, message]) => v('T6', [as(a), ...refs], message));
  });
}

export function t7(r: Registry): Violation[] {
  const provider = r.systems.filter(providing).flatMap((s) =>
    gpcMhs(r)
      .filter((m) => r.as.some((a) => a.systemId === s.id && a.partyKey === m.partyKey))
      .flatMap((m) => {
        const a = r.as.find((x) => x.systemId === s.id && x.partyKey === m.partyKey && x.odsCode === m.odsCode);
        const missing = m.interactions.filter((i) => isGpc(i) && !a?.interactions.includes(i));
        return missing.length
          ? [
              v(
                'T7',
                [mhs(m), ...(a ? [as(a)] : [])],
                `${missing.map((i) => interactionById(i)?.name ?? i).join(', ')} on MHS record ${mhsKey(m)} but not on its AS record`,
              ),
            ]
          : [];
      }),
  );
  const consumer = r.systems
    .filter((s) => s.role === 'consumer')
    .flatMap((s) => {
      const keys = new Set(r.as.filter((a) => a.systemId === s.id).map((a) => a.partyKey));
      const theirs = r.mhs.filter((m) => keys.has(m.partyKey));
      return [
        ...theirs
          .filter((m) => m.interactions.some(isGpc))
          .map((m) =>
            v('T7', [sys(s), mhs(m)], `consumer-only ${s.name} has GP Connect interactions on MHS record ${mhsKey(m)}`),
          ),
        ...theirs
          .filter((m) => m.cma)
          .map((m) => v('T7', [sys(s), mhs(m)], `consumer-only ${s.name} is CMA-registered (${mhsKey(m)})`)),
      ];
    });
  return [...provider, ...consumer];
}

export function t8(r: Registry): Violation[] {
  const consumers = r.systems.filter((s) => s.role === 'consumer');
  const consumerAs = r.as.filter((a) => consumers.some((s) => s.id === a.systemId));
  const acrossSystems = [...groupBy(consumerAs, (a) => a.partyKey)]
    .filter(([, records]) => distinct(records.map((a) => a.systemId)).length > 1)
    .map(([key, records]) =>
      v(
        'T8',
        records.map(as),
        `consumer systems ${distinct(records.map((a) => a.systemId)).join(', ')} share party key ${key}; separate MHSs each have their own`,
      ),
    );
  const withinSeparate = consumers
    .filter((s) => s.mhsTopology !== 'shared')
    .flatMap((s) => [
      ...groupBy(
        consumerAs.filter((a) => a.systemId === s.id),
        (a) => a.partyKey,
      ),
    ])
    .filter(([, records]) => distinct(records.map((a) => a.odsCode)).length > 1)
    .map(([key, records]) =>
      v(
        'T8',
        records.map(as),
        `party key ${key} is shared by ${distinct(records.map((a) => a.odsCode)).join(', ')} without a shared MHS`,
      ),
    );
  return [...acrossSystems, ...withinSeparate];
}

export function t9(r: Registry): Violation[] {
  return placements(r, (s) => s.role === 'both')
    .filter(
      (p) => distinct(p.records.map((a) => a.asid)).length > 1 || distinct(p.records.map((a) => a.partyKey)).length > 1,
    )
    .map((p) =>
      v(
        'T9',
        [sys(p.s), ...p.records.map(as)],
        `${p.s.name} at ${p.ods} uses ${p.records.map((a) => `${a.asid}/${a.partyKey}`).join(' and ')}; both roles must share one ASID and party key`,
      ),
    );
}

/** A segment after the major version that is a FHIR path (`/Patient`, `/metadata`, `$operation`), not a routing segment. */
const FHIR_PATH_SEGMENT = /^([A-Z]|\$|metadata$)/;

export function t10(r: Registry): Violation[] {
  return gpcMhs(r).flatMap((m) => {
    const problem = rootProblem(m.endpoint, m.odsCode);
    const extra = problem
      ? []
      : new URL(m.endpoint).pathname
          .split('/')
          .filter(Boolean)
          .slice(3)
          .find((seg) => FHIR_PATH_SEGMENT.test(seg));
    const message =
      problem ?? (extra ? `${m.endpoint} holds a FHIR path (${extra}), not just the service root` : undefined);
    return message ? [v('T10', [mhs(m)], message)] : [];
  });
}

/** Foundations and Appointment Management share one root; each other capability has its own; one FHIR version. */
export function t11(r: Registry): Violation[] {
  return [...groupBy(gpcMhs(r), (m) => `${m.partyKey}@${m.odsCode}`)].flatMap(([placement, records]) => {
    const byCapability = groupBy(records, (m) => interactionById(m.interactions.find(isGpc)!)?.capability ?? 'other');
    const shared = [...byCapability].filter(([, ms]) => distinct(ms.map((m) => m.endpoint)).length > 1);
    const endpoints = [...byCapability]
      .map(([capability, ms]) => distinct(ms.map((m) => m.endpoint)).map((e) => ({ capability, e })))
      .flat();
    const reused = [...groupBy(endpoints, (x) => x.e)].filter(([, xs]) => xs.length > 1);
    const versions = distinct(
      records.map((m) => (URL.canParse(m.endpoint) ? new URL(m.endpoint).pathname.split('/')[2] : '')),
    );
    return [
      ...shared.map(([capability, ms]) =>
        v(
          'T11',
          distinct(ms.map(mhsKey)).map((id) => ({ kind: 'mhs' as const, id })),
          `${placement}: ${capability} interactions (Foundations and Appointment Management included) are under ${distinct(ms.map((m) => m.endpoint)).length} roots, not one`,
        ),
      ),
      ...reused.map(([e, xs]) =>
        v(
          'T11',
          records
            .filter((m) => m.endpoint === e)
            .slice(0, 1)
            .map(mhs),
          `${placement}: ${xs.map((x) => x.capability).join(' and ')} share root ${e}; other capabilities need their own`,
        ),
      ),
      ...(versions.length > 1
        ? [
            v(
              'T11',
              records.map(mhs),
              `${placement}: roots use FHIR versions ${versions.join(', ')}; a product set uses one`,
            ),
          ]
        : []),
    ];
  });
}
