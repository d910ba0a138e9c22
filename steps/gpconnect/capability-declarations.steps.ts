/** What the CapabilityStatement declares, per interaction, and its software (AM-CS-DECLARES, AM-CS-SOFTWARE). */
import { Then } from '@cucumber/cucumber';
import type { Interaction } from '../../support/interactions';
import { check, expectAnswer } from '../../support/world/checks';
import type { GpcWorld } from '../../support/world/world';

interface RestDeclarations {
  resource?: { type?: string; interaction?: { code?: string }[] }[];
  operation?: { name?: string }[];
}

function capabilityStatement(w: GpcWorld) {
  const result = w.answer('provider');
  return { result, cs: expectAnswer(w, result, { status: 200, resourceType: 'CapabilityStatement' }) };
}

/** What the server rest entries declare, as `Type code` and `operation name` strings. */
function declarations(cs: Record<string, unknown>): string[] {
  const rests = (Array.isArray(cs.rest) ? cs.rest : []) as RestDeclarations[];
  return rests.flatMap((rest) => [
    ...(rest.resource ?? []).flatMap((r) => (r.interaction ?? []).map((i) => `${r.type} ${i.code}`)),
    ...(rest.operation ?? []).map((o) => `operation ${o.name}`),
  ]);
}

Then(
  'the CapabilityStatement declares {word} {word} for {interaction}',
  function (this: GpcWorld, resource: string, code: string, interaction: Interaction) {
    const { result, cs } = capabilityStatement(this);
    const declared = declarations(cs);
    check(this, declared.includes(`${resource} ${code}`), {
      requirement: 'AM-CS-DECLARES',
      evidence: result,
      expected: `rest to declare ${resource} ${code} (${interaction.name})`,
      actual: `declared ${JSON.stringify(declared)}`,
    });
  },
);

Then('the CapabilityStatement names its software with a version', function (this: GpcWorld) {
  const { result, cs } = capabilityStatement(this);
  const software = (cs.software ?? {}) as { name?: unknown; version?: unknown };
  const named = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  check(this, named(software.name) && named(software.version), {
    requirement: 'AM-CS-SOFTWARE',
    evidence: result,
    expected: 'software.name and software.version, both non-empty',
    actual: `software ${JSON.stringify(cs.software)}`,
  });
});
