/** index.html shows a structured record answer as its clinical areas, each List with its entries. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Exchange } from '../../support/evidence/types';
import { Html } from '../../support/reports/html-kit';
import { structuredRecordView } from '../../support/reports/html-structured';

const bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    { resource: { resourceType: 'Patient', id: 'p' } },
    {
      resource: {
        resourceType: 'List',
        id: 'l1',
        title: 'Allergies and adverse reaction',
        entry: [{ item: { reference: 'AllergyIntolerance/a1' } }],
      },
    },
    {
      resource: {
        resourceType: 'List',
        id: 'l2',
        title: 'Outbound referral',
        emptyReason: { coding: [{ display: 'No Content Recorded' }] },
      },
    },
    {
      resource: {
        resourceType: 'AllergyIntolerance',
        id: 'a1',
        clinicalStatus: 'active',
        assertedDate: '2012-03-14',
        code: { text: 'Allergy to <penicillin>' },
      },
    },
  ],
};

const exchange = (interaction: string, status = 200) =>
  ({ interaction, response: { status, headers: {}, body: JSON.stringify(bundle) } }) as unknown as Exchange;

test('each List is a section with its entries, or its emptyReason; text is escaped', () => {
  const html = String(structuredRecordView(exchange('get structured record')) as Html);
  assert.match(html, /<h6>Allergies and adverse reaction<\/h6>/);
  assert.match(
    html,
    /AllergyIntolerance\/a1<\/td><td>Allergy to &lt;penicillin&gt;<\/td><td>active<\/td><td>2012-03-14/,
  );
  assert.match(html, /<h6>Outbound referral<\/h6><p>empty: No Content Recorded<\/p>/);
});

test('only a structured record answer is drawn so', () => {
  assert.notEqual(structuredRecordView(exchange('migrate structured record')), false);
  assert.equal(structuredRecordView(exchange('find patient')), false);
  assert.equal(structuredRecordView(exchange('get structured record', 422)), false);
});

test('the dated areas show what and when from their own fields (Encounter type and period, issued, occurrence)', () => {
  const dated = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        resource: {
          resourceType: 'List',
          id: 'l',
          title: 'List of consultations',
          entry: [{ item: { reference: 'Encounter/e' } }, { item: { reference: 'ProcedureRequest/d' } }],
        },
      },
      {
        resource: {
          resourceType: 'Encounter',
          id: 'e',
          status: 'finished',
          type: [{ text: 'Follow-up visit' }],
          period: { start: '2024-10-01' },
        },
      },
      {
        resource: {
          resourceType: 'ProcedureRequest',
          id: 'd',
          code: { text: 'Recall' },
          occurrenceDateTime: '2099-01-15',
        },
      },
    ],
  };
  const html = String(
    structuredRecordView({
      interaction: 'get structured record',
      response: { status: 200, headers: {}, body: JSON.stringify(dated) },
    } as unknown as Exchange) as Html,
  );
  assert.match(html, /Encounter\/e<\/td><td>Follow-up visit<\/td><td>finished<\/td><td>2024-10-01/);
  assert.match(html, /ProcedureRequest\/d<\/td><td>Recall<\/td><td><\/td><td>2099-01-15/);
});
