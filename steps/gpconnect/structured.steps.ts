/**
 * Access Record Structured, the journey (ARS-SDS, ARS-T11): PDS trace → SDS lookup for the get structured
 * record interaction (its own root and ASID) → the structured root's CapabilityStatement →
 * POST …/Patient/$gpc.getstructuredrecord, all in the scenario's one evidence record.
 */
import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import { areaRequest } from '../../support/gpconnect/structured-requests';
import {
  AREA_PARAMETERS,
  structuredRecordParameters,
  type AreaRequest,
  type ClinicalArea,
} from '../../support/gpconnect/structured-operation';
import { CAPABILITY_SEGMENT, interaction } from '../../support/interactions';
import { check } from '../../support/world/checks';
import { choosePatient, resolveEndpointAndAsid, throughSsp, traceAndReadOds } from '../../support/world/journey';
import { need } from '../../support/world/stages';
import type { GpcWorld } from '../../support/world/world';
import { straightToProvider } from '../common/edge.steps';

const GET_RECORD = interaction('get structured record');

/** What the scenario asked for, for the checks that an area not requested is absent. */
export const ASKED = new WeakMap<GpcWorld, readonly AreaRequest[]>();

const AREAS = new Set<string>(AREA_PARAMETERS.map((p) => p.area));

function areaOf(name: string): ClinicalArea {
  if (!AREAS.has(name)) throw new Error(`unknown clinical area "${name}"; known: ${[...AREAS].join(', ')}`);
  return name as ClinicalArea;
}

/** SDS for the structured interaction, not the appointments one: a root may differ per capability (ARS-SDS, TOP-T11). */
async function resolveStructuredRoot(w: GpcWorld): Promise<void> {
  const endpointResult = await resolveEndpointAndAsid(w, GET_RECORD, { endpoint: 'ARS-SDS', device: 'ARS-SDS' });
  const { root } = need(w, 'endpoint').endpoint;
  check(w, root.endsWith(`/${CAPABILITY_SEGMENT.structured}`), {
    requirement: 'ARS-SDS',
    evidence: endpointResult,
    expected: `a structured root ending /${CAPABILITY_SEGMENT.structured} (facts §1, T11)`,
    actual: root,
  });
}

Given(
  "{patient}'s structured record root has been resolved on PDS and SDS",
  async function (this: GpcWorld, role: string) {
    choosePatient(this, role);
    await traceAndReadOds(this);
    await resolveStructuredRoot(this);
  },
);

When("the consumer reads the structured root's CapabilityStatement through the SSP", async function (this: GpcWorld) {
  await throughSsp(this, interaction('read structured metadata'));
});

/** The NHS number of a test patient, or of the one the scenario resolved when no role is named. */
function nhsNumberOf(w: GpcWorld, role: string | undefined): string {
  const configured = role ? w.target.testData.patients[role]?.nhsNumber : undefined;
  if (configured) return configured;
  if (role) choosePatient(w, role); // fails naming config
  return need(w, 'nhsNumber').nhsNumber;
}

/** The record of a test patient (the resolved one by default), asking for the areas of the table. */
async function requestRecord(w: GpcWorld, role: string | undefined, table: DataTable | undefined, extra = {}) {
  const nhsNumber = nhsNumberOf(w, role);
  const now = new Date();
  const areas = (table?.hashes() ?? []).map((row) => areaRequest(areaOf(row.area), row.parts ?? '', now));
  ASKED.set(w, areas);
  const body = structuredRecordParameters(nhsNumber, areas);
  body.parameter.push(...((extra as { parameter?: never[] }).parameter ?? []));
  return throughSsp(w, GET_RECORD, { body });
}

When('the consumer requests the structured record with', async function (this: GpcWorld, table: DataTable) {
  await requestRecord(this, undefined, table);
});

When(
  "the consumer requests {patient}'s structured record with",
  async function (this: GpcWorld, role: string, table: DataTable) {
    await requestRecord(this, role, table);
  },
);

When(
  'the consumer requests the structured record with an unrecognised parameter {word} and',
  async function (this: GpcWorld, name: string, table: DataTable) {
    await requestRecord(this, undefined, table, { parameter: [{ name, valueBoolean: true }] });
  },
);

When('the consumer sends the structured record request body {string}', async function (this: GpcWorld, body: string) {
  await throughSsp(this, GET_RECORD, { body, probe: true });
});

When(
  'the consumer requests the structured record with the JWT claim {word} {string} and',
  async function (this: GpcWorld, claim: string, value: string, table: DataTable) {
    const now = new Date();
    const areas = table.hashes().map((row) => areaRequest(areaOf(row.area), row.parts ?? '', now));
    ASKED.set(this, areas);
    const body = structuredRecordParameters(need(this, 'nhsNumber').nhsNumber, areas);
    await throughSsp(this, GET_RECORD, { body, claims: { [claim]: value } });
  },
);

When(
  'the consumer sends the structured record request straight to the appointments root',
  async function (this: GpcWorld) {
    const body = structuredRecordParameters(need(this, 'nhsNumber').nhsNumber, [{ area: 'problems' }]);
    await straightToProvider(this, GET_RECORD, { body });
  },
);

Then('the appointments root does not serve the structured record', function (this: GpcWorld) {
  const result = this.answer('provider');
  check(this, result.status !== 200 && !result.transport, {
    evidence: result,
    expected: 'a refusal: the appointments root is not the structured root (T11)',
    actual: `HTTP ${result.status}${result.transport ? ` (${result.transport.kind})` : ''}`,
  });
});
