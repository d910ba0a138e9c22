/**
 * Access Document, the journey (DOC-SDS, DOC-PATIENT, DOC-T11): PDS trace → SDS lookup for the search
 * documents interaction (its own root and ASID) → the documents root's CapabilityStatement → find the
 * patient there → search their DocumentReferences → retrieve a Binary, all in the scenario's one evidence
 * record. The checks of what came back are in documents-checks.steps.ts.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { ofType } from '../../support/fhir/bundle';
import { documentSearchQuery } from '../../support/gpconnect/document-query';
import { patientQuery } from '../../support/gpconnect/requests';
import { CAPABILITY_SEGMENT, interaction } from '../../support/interactions';
import { parseJson, type HttpResult } from '../../support/spine/http';
import { check, expectAnswer } from '../../support/world/checks';
import { choosePatient, resolveEndpointAndAsid, throughSsp, traceAndReadOds } from '../../support/world/journey';
import { need } from '../../support/world/stages';
import type { GpcWorld } from '../../support/world/world';
import { straightToProvider } from '../common/edge.steps';

const SEARCH = interaction('search documents');

/** The provider's Patient id on the documents root, and the last search's answer, per scenario. */
export const DOCUMENTS_STATE = new WeakMap<GpcWorld, { patientId?: string; search?: HttpResult; query?: string }>();
function stateOf(w: GpcWorld) {
  const found = DOCUMENTS_STATE.get(w);
  if (found) return found;
  const fresh = {};
  DOCUMENTS_STATE.set(w, fresh);
  return fresh as NonNullable<ReturnType<typeof DOCUMENTS_STATE.get>>;
}

/** SDS for the documents interaction, not the appointments one: a root may differ per capability (DOC-SDS, TOP-T11). */
async function resolveDocumentsRoot(w: GpcWorld): Promise<void> {
  const endpointResult = await resolveEndpointAndAsid(w, SEARCH, { endpoint: 'DOC-SDS', device: 'DOC-SDS' });
  const { root } = need(w, 'endpoint').endpoint;
  check(w, root.endsWith(`/${CAPABILITY_SEGMENT.documents}`), {
    requirement: 'DOC-SDS',
    evidence: endpointResult,
    expected: `a documents root ending /${CAPABILITY_SEGMENT.documents} (facts §1, T11)`,
    actual: root,
  });
}

Given("{patient}'s documents root has been resolved on PDS and SDS", async function (this: GpcWorld, role: string) {
  choosePatient(this, role);
  await traceAndReadOds(this);
  await resolveDocumentsRoot(this);
});

When("the consumer reads the documents root's CapabilityStatement through the SSP", async function (this: GpcWorld) {
  await throughSsp(this, interaction('read documents metadata'));
});

/** Find patient on the documents root (DOC-PATIENT): exactly one Patient with the NHS number asked for. */
async function findPatientOnDocumentsRoot(w: GpcWorld): Promise<string> {
  const nhsNumber = need(w, 'nhsNumber').nhsNumber;
  const result = await throughSsp(w, interaction('search documents patient'), { query: patientQuery(nhsNumber) });
  const bundle = expectAnswer(w, result, { requirement: 'DOC-PATIENT', status: 200, resourceType: 'Bundle' });
  const patients = ofType(bundle, 'Patient');
  const carries = (p: Record<string, unknown>) =>
    Array.isArray(p.identifier) && p.identifier.some((i: { value?: unknown }) => i.value === nhsNumber);
  check(w, bundle.type === 'searchset' && patients.length === 1 && carries(patients[0]), {
    requirement: 'DOC-PATIENT',
    evidence: result,
    expected: `a searchset of exactly one Patient carrying NHS number ${nhsNumber}`,
    actual: `${String(bundle.type)} of ${patients.length} Patient(s)${patients.length === 1 ? `, identifiers ${JSON.stringify(patients[0].identifier)}` : ''}`,
  });
  const id = String(patients[0].id);
  stateOf(w).patientId = id;
  w.carry('documentsPatientId', id);
  return id;
}

When('the consumer finds the patient on the documents root', async function (this: GpcWorld) {
  await findPatientOnDocumentsRoot(this);
});

async function searchDocuments(w: GpcWorld, query: string, patientId?: string): Promise<HttpResult> {
  const id = patientId ?? stateOf(w).patientId ?? (await findPatientOnDocumentsRoot(w));
  const result = await throughSsp(w, SEARCH, { id, query, probe: patientId !== undefined });
  Object.assign(stateOf(w), { search: result, query });
  return result;
}

When("the consumer searches the patient's documents", async function (this: GpcWorld) {
  await searchDocuments(this, documentSearchQuery());
});

When("the consumer searches the patient's documents with {string}", async function (this: GpcWorld, extra: string) {
  await searchDocuments(this, documentSearchQuery(extra));
});

When("the consumer searches the patient's documents without the mandatory includes", async function (this: GpcWorld) {
  await findPatientOnDocumentsRoot(this);
  const result = await throughSsp(this, SEARCH, { id: stateOf(this).patientId, query: '', probe: true });
  stateOf(this).search = result;
});

When('the consumer searches the documents of patient id {string}', async function (this: GpcWorld, id: string) {
  await searchDocuments(this, documentSearchQuery(), id);
});

/** The Binary ids the last search points at, read from content.attachment.url. */
export function binaryIds(w: GpcWorld): string[] {
  const parsed = parseJson(stateOf(w).search?.text ?? '');
  const bundle = parsed.ok && parsed.value && typeof parsed.value === 'object' ? parsed.value : undefined;
  return (bundle ? ofType(bundle as Record<string, unknown>, 'DocumentReference') : []).flatMap((d) =>
    ((d.content as { attachment?: { url?: string } }[] | undefined) ?? []).flatMap((c) => {
      const url = c.attachment?.url;
      return typeof url === 'string' && url.includes('/Binary/') ? [url.slice(url.lastIndexOf('/Binary/') + 8)] : [];
    }),
  );
}

When("the consumer retrieves each of the documents' Binaries", async function (this: GpcWorld) {
  const ids = binaryIds(this);
  check(this, ids.length > 0, {
    requirement: 'DOC-BINARY',
    evidence: stateOf(this).search,
    expected: 'at least one DocumentReference with a Binary URL to retrieve',
    actual: 'none',
  });
  for (const id of ids) {
    const result = await throughSsp(this, interaction('retrieve document'), { id });
    RETRIEVED.set(this, [...(RETRIEVED.get(this) ?? []), { id, result }]);
  }
});

/** The Binaries retrieved in the scenario, by id. */
export const RETRIEVED = new WeakMap<GpcWorld, { id: string; result: HttpResult }[]>();

When('the consumer retrieves the Binary {string}', async function (this: GpcWorld, id: string) {
  await throughSsp(this, interaction('retrieve document'), { id, probe: true });
});

When(
  'the consumer {word} the Binary {string} with the JWT claim {word} {string}',
  async function (this: GpcWorld, verb: string, id: string, claim: string, value: string) {
    const name = { retrieves: 'retrieve document', migrates: 'migrate document' }[verb];
    if (!name) throw new Error(`"${verb}" is neither retrieves nor migrates`);
    await throughSsp(this, interaction(name), { id, claims: { [claim]: value } });
  },
);

When('the consumer sends the documents search straight to the resolved root', async function (this: GpcWorld) {
  await straightToProvider(this, SEARCH, {
    id: `pat-${need(this, 'nhsNumber').nhsNumber}`,
    query: documentSearchQuery(),
  });
});

Then('the resolved root does not serve the documents search', function (this: GpcWorld) {
  const result = this.answer('provider');
  check(this, result.status !== 200 && !result.transport, {
    evidence: result,
    expected: 'a refusal: only the documents root serves Access Document (T11)',
    actual: `HTTP ${result.status}${result.transport ? ` (${result.transport.kind})` : ''}`,
  });
});
