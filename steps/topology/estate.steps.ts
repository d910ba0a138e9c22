/**
 * The static topology rules (TOP-T1 … TOP-T13) over an estate: a shipped one (reference or invalid) or the estate
 * under assessment. A rule's failure names the rule's requirement (TOP-Tn), the records and what is wrong.
 */
import { defineParameterType, Given, Then } from '@cucumber/cucumber';
import type { Registry } from '../../support/domain/registry';
import { assessEstate, type AssessedEstate } from '../../support/topology/assessment';
import { SdsUnreadable } from '../../support/topology/from-sds';
import { shippedEstate } from '../../support/topology/estate-file';
import { rule, STATIC_RULES, type TopologyRule, type Violation } from '../../support/topology/rules';
import { check, fail } from '../../support/world/checks';
import type { GpcWorld } from '../../support/world/world';

/** A rule checked over records; naming a dynamic one (T2, T3, T12, T13) in these steps is a feature mistake. */
function staticRule(id: string): TopologyRule {
  const found = rule(id);
  if (!found.check)
    throw new Error(`${id} is checked by traffic through the Spine (${found.dynamic}), not over an estate's records`);
  return found;
}

defineParameterType({ name: 'rule', regexp: /T1[0-3]|T[1-9]/, transformer: staticRule });

/** The estate each scenario checks; kept beside the World, which the topology steps do not widen. */
const estates = new WeakMap<GpcWorld, Registry>();

/** Rebuilding from SDS costs a request per ODS code and interaction: once per process is enough. */
let assessed: Promise<AssessedEstate> | undefined;

function estateOf(w: GpcWorld): Registry {
  const registry = estates.get(w);
  if (!registry)
    fail(w, { hop: 'config', expected: 'an estate chosen by a Given step', actual: 'none', kind: 'config' });
  return registry;
}

const describe = (vs: Violation[]) =>
  vs.map((v) => `${v.message} [${v.records.map((r) => `${r.kind} ${r.id}`).join('; ')}]`).join(' | ');

/** A static rule's check over the records; a dynamic rule has none (traffic shows it), so naming one here is a feature bug. */
function recordCheck(r: TopologyRule): NonNullable<TopologyRule['check']> {
  if (!r.check) throw new Error(`topology rule ${r.id} has no check over the records: it is judged on traffic`);
  return r.check;
}

function expectPasses(w: GpcWorld, r: TopologyRule, registry: Registry): void {
  if (r.needs && registry[r.needs] === undefined) {
    fail(w, {
      hop: 'config',
      requirement: `TOP-${r.id}`,
      expected: `an estate that lists ${r.needs} (an estate file: gpc-assure topology --registry FILE)`,
      actual: `the estate was rebuilt from SDS, which holds no ${r.needs}: ${r.id} cannot be assessed over it`,
      kind: 'config',
    });
  }
  const found = recordCheck(r)(registry);
  check(w, found.length === 0, {
    requirement: `TOP-${r.id}`,
    expected: `no ${r.id} violation`,
    actual: describe(found),
  });
}

Given('the shipped estate {string}', function (this: GpcWorld, name: string) {
  estates.set(this, shippedEstate(name).registry);
  this.carry('estate', name);
});

Given('the estate under assessment', async function (this: GpcWorld) {
  assessed ??= assessEstate(this.target);
  const { source, registry, gap, setAside } = await assessed.catch((err: unknown) => {
    // An SDS that cannot be read (offline, refusing) is a finding about SDS, named by its kind.
    if (!(err instanceof SdsUnreadable)) throw err;
    return fail(this, {
      hop: 'sds',
      expected: 'SDS to answer the lookups the estate is rebuilt from',
      actual: err.message,
      kind: err.kind,
    });
  });
  // Rules over nothing pass over nothing: an estate with no record of an organisation asked about is a config gap.
  if (gap)
    fail(this, {
      hop: 'config',
      expected: `GP Connect records of every organisation asked about (${source})`,
      actual: `${gap}; check --ods and the SDS target`,
      kind: 'config',
    });
  estates.set(this, registry);
  this.carry('estate', source);
  if (setAside?.length) this.carry('setAside', setAside.join('; '));
});

Then('topology rule {rule} passes', function (this: GpcWorld, r: TopologyRule) {
  expectPasses(this, r, estateOf(this));
});

Then('topology rule {rule} fails, naming the records that break it', function (this: GpcWorld, r: TopologyRule) {
  const found = recordCheck(r)(estateOf(this));
  const requirement = `TOP-${r.id}`;
  check(this, found.length > 0, {
    requirement,
    expected: `at least one ${r.id} violation`,
    actual: 'none: the rule let the broken estate through',
  });
  const unnamed = found.filter((v) => v.records.length === 0);
  check(this, unnamed.length === 0, {
    requirement,
    expected: 'every violation naming its records',
    actual: describe(unnamed),
  });
});

Then('every topology rule other than {rule} passes', function (this: GpcWorld, broken: TopologyRule) {
  const registry = estateOf(this);
  for (const r of STATIC_RULES.filter((x) => x.id !== broken.id)) expectPasses(this, r, registry);
});
