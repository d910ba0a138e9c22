/**
 * The format rules on every interaction (features/spine-edge/08-format-matrix.feature): the interaction's
 * well-formed request asking for XML by _format and for gzip, then the same request asking for a format no
 * GP Connect provider serves. Each check names its own rule, so one scenario per interaction blames the rule a
 * lenient provider skipped.
 */
import { Then, When, type DataTable } from '@cucumber/cucumber';
import type { Interaction } from '../../support/interactions';
import type { GpcRequest } from '../../support/spine/ssp-client';
import { wellFormedRequest } from '../../support/world/well-formed';
import type { GpcWorld } from '../../support/world/world';
import { expectGzip, expectServedAs, given } from '../ssp/format.steps';
import { sendProbe } from './edge.steps';

/** The scenario's well-formed request, kept for the unsupported-format request that repeats it. */
const sentFirst = new WeakMap<GpcWorld, { i: Interaction; request: Partial<GpcRequest> }>();

When(
  'the consumer sends a well-formed {interaction} with _format xml over an Accept of JSON, accepting gzip',
  async function (this: GpcWorld, i: Interaction) {
    const request = await wellFormedRequest(this, i);
    sentFirst.set(this, { i, request });
    // _format overrides Accept (FMT-NEGOTIATE): a provider that follows Accept answers JSON and is caught.
    await sendProbe(
      this,
      i,
      { query: '_format=xml', headers: { Accept: 'application/fhir+json', 'Accept-Encoding': 'gzip' } },
      request,
    );
  },
);

Then('the provider serves its answer as FHIR XML as {word} requires', function (this: GpcWorld, requirement: string) {
  const first = sentFirst.get(this);
  if (!first) throw new Error('no well-formed request was sent in this scenario');
  expectServedAs(this, { resourceType: first.i.responseType, format: 'XML', requirement });
});

Then('its answer came gzip-compressed as {word} requires', function (this: GpcWorld, requirement: string) {
  expectGzip(this, requirement);
});

When(
  'the consumer sends that {interaction} again with _format {string}',
  async function (this: GpcWorld, i: Interaction, format: string) {
    const first = sentFirst.get(this);
    if (first?.i !== i) throw new Error(`no well-formed ${i.name} was sent in this scenario`);
    await sendProbe(
      this,
      i,
      { query: `_format=${encodeURIComponent(format)}`, headers: { Accept: 'application/fhir+json' } },
      first.request,
    );
  },
);

/**
 * The interaction's well-formed request once per row of the precedence table, each answer checked as it comes:
 * a repeatable request (a read or search) changes nothing on the provider, so the rows cannot disturb each other.
 */
When(
  'the consumer sends {interaction} once with each format choice, and the provider serves each as {word} requires',
  async function (this: GpcWorld, i: Interaction, requirement: string, table: DataTable) {
    const request = await wellFormedRequest(this, i);
    for (const row of table.hashes()) {
      const format = given(row['_format']);
      // Accept is always sent: without one the HTTP client sends its own default, which prefers JSON.
      await sendProbe(
        this,
        i,
        {
          query: format && `_format=${encodeURIComponent(format)}`,
          headers: { Accept: row['accept'], 'Content-Type': given(row['content type']) ?? null },
        },
        request,
      );
      const choice = `_format ${row['_format']}, Accept ${row['accept']}, Content-Type ${row['content type']}`;
      expectServedAs(this, { resourceType: i.responseType, format: row['served'], requirement, status: 200, choice });
    }
  },
);
