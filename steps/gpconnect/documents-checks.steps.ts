/**
 * Access Document, what the answers must be (DOC-METADATA, DOC-SEARCH, DOC-ATTACHMENT, DOC-FILTER,
 * DOC-BINARY and the refusals): each check reads the spec's rule, never what the simulator happens to say.
 */
import { Then } from '@cucumber/cucumber';
import { ofType, type Resource } from '../../support/fhir/bundle';
import {
  DOCUMENT_SEARCH_PARAMETERS,
  matches,
  readDocumentQuery,
  type Token,
} from '../../support/gpconnect/document-query';
import { expectedAnswer, type RequirementId } from '../../support/domain/catalogue';
import { check, expectAnswer, expectError } from '../../support/world/checks';
import { need } from '../../support/world/stages';
import type { GpcWorld } from '../../support/world/world';
import { DOCUMENTS_STATE, RETRIEVED } from './documents.steps';

/** The documents guidance: over 5 MB a document MUST NOT be retrievable, only a placeholder. */
const DIRECT_RETRIEVAL_LIMIT_BYTES = 5 * 1024 * 1024;
const DOCUMENT_REFERENCE_PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-DocumentReference-1';

Then('the CapabilityStatement declares the DocumentReference search parameters', function (this: GpcWorld) {
  const result = this.answer('provider');
  const cs = expectAnswer(this, result, { status: 200, resourceType: 'CapabilityStatement' });
  const rest = (cs.rest as { resource?: { type?: string; searchParam?: { name?: string }[] }[] }[] | undefined) ?? [];
  const declared = rest.flatMap((r) => r.resource ?? []).find((r) => r.type === 'DocumentReference');
  const names = new Set((declared?.searchParam ?? []).map((p) => p.name));
  const missing = DOCUMENT_SEARCH_PARAMETERS.filter((n) => !names.has(n));
  check(this, !!declared && missing.length === 0, {
    evidence: result,
    expected: `a DocumentReference resource declaring ${DOCUMENT_SEARCH_PARAMETERS.join(', ')}`,
    actual: declared ? `missing ${missing.join(', ')}` : 'no DocumentReference resource',
  });
});

function searchBundle(w: GpcWorld, requirement: RequirementId) {
  const result = DOCUMENTS_STATE.get(w)?.search;
  if (!result) throw new Error('no documents search was made in this scenario');
  const bundle = expectAnswer(w, result, { requirement, status: 200, resourceType: 'Bundle' });
  const references = ofType(bundle, 'DocumentReference');
  check(w, references.length > 0, {
    requirement,
    evidence: result,
    expected: "at least one DocumentReference (the fixture patient's documents)",
    actual: 'none',
  });
  return { result, bundle, references };
}

const subjectOf = (d: Resource) => (d.subject as { reference?: string } | undefined)?.reference;

Then("the provider answers a searchset of the patient's DocumentReferences", function (this: GpcWorld) {
  const { result, bundle, references } = searchBundle(this, 'DOC-SEARCH');
  const patientId = DOCUMENTS_STATE.get(this)?.patientId;
  const wrong = references.filter(
    (d) =>
      !(d.meta as { profile?: string[] } | undefined)?.profile?.includes(DOCUMENT_REFERENCE_PROFILE) ||
      d.status !== 'current' ||
      subjectOf(d) !== `Patient/${patientId}`,
  );
  check(this, bundle.type === 'searchset' && wrong.length === 0, {
    requirement: 'DOC-SEARCH',
    evidence: result,
    expected: `a searchset whose DocumentReferences claim ${DOCUMENT_REFERENCE_PROFILE}, are current and are about Patient/${patientId}`,
    actual: `${String(bundle.type)}; wrong: ${wrong.map((d) => `${d.id} (status ${String(d.status)}, subject ${subjectOf(d)})`).join(', ') || 'none'}`,
  });
  const included =
    ofType(bundle, 'Patient').some((p) => p.id === patientId) && ofType(bundle, 'Organization').length > 0;
  check(this, included, {
    requirement: 'DOC-SEARCH',
    evidence: result,
    expected: 'the included Patient searched for and at least one Organization',
    actual: `${ofType(bundle, 'Patient').length} Patient(s), ${ofType(bundle, 'Organization').length} Organization(s)`,
  });
});

interface Attachment {
  url?: unknown;
  size?: unknown;
  contentType?: unknown;
  title?: unknown;
}

/** What is wrong with one DocumentReference's attachment, or undefined. */
function attachmentProblem(d: Resource, root: string): string | undefined {
  const a = ((d.content as { attachment?: Attachment }[] | undefined) ?? [])[0]?.attachment;
  if (!a) return `${d.id} has no content.attachment`;
  if (!Number.isInteger(a.size) || (a.size as number) < 0) return `${d.id} has no size`;
  if (typeof a.contentType !== 'string' || !a.contentType) return `${d.id} has no contentType`;
  if ((a.size as number) > DIRECT_RETRIEVAL_LIMIT_BYTES)
    return a.url !== undefined || typeof a.title !== 'string' || !a.title
      ? `${d.id} is over 5 MB (${String(a.size)} bytes) yet ${a.url !== undefined ? `has url ${String(a.url)}` : 'gives no title saying why'}`
      : undefined;
  if (typeof a.url !== 'string' || !a.url.startsWith(`${root}/Binary/`))
    return `${d.id}'s url ${JSON.stringify(a.url)} is not a full Binary URL on ${root}`;
  return undefined;
}

Then('each DocumentReference gives its size and type, and a Binary URL or a placeholder', function (this: GpcWorld) {
  const { result, references } = searchBundle(this, 'DOC-ATTACHMENT');
  const root = need(this, 'endpoint').endpoint.root;
  const problems = references.map((d) => attachmentProblem(d, root)).filter((p) => p !== undefined);
  check(this, problems.length === 0, {
    requirement: 'DOC-ATTACHMENT',
    evidence: result,
    expected:
      'size and contentType on each attachment; a full Binary URL on the documents root, or over 5 MB no URL and a title',
    actual: problems.join('; '),
  });
});

const tokenOf = (c: unknown): Token => {
  const coding = ((c as { coding?: { system?: string; code?: string }[] } | undefined)?.coding ?? [])[0] ?? {};
  return { system: coding.system, code: coding.code ?? '' };
};
const authorOdsOf = (d: Resource) =>
  ((d.author as { reference?: string }[] | undefined) ?? [])[0]?.reference?.replace(/^Organization\//, '') ?? '';

Then('every DocumentReference returned matches the search', function (this: GpcWorld) {
  const { result, references } = searchBundle(this, 'DOC-FILTER');
  const query = readDocumentQuery(new URLSearchParams(DOCUMENTS_STATE.get(this)?.query ?? ''), {
    requireIncludes: false,
    checkAuthor: false,
  });
  const outside = references.filter(
    (d) =>
      !matches(
        {
          created: typeof d.created === 'string' ? d.created : undefined,
          indexed: String(d.indexed),
          authorOds: authorOdsOf(d),
          description: String(d.description ?? ''),
          type: tokenOf(d.type),
          practiceSetting: tokenOf((d.context as { practiceSetting?: unknown } | undefined)?.practiceSetting),
        },
        query,
      ),
  );
  check(this, outside.length === 0, {
    requirement: 'DOC-FILTER',
    evidence: result,
    expected: `only DocumentReferences matching ${DOCUMENTS_STATE.get(this)?.query ?? ''}`,
    actual: outside.map((d) => `${d.id} (created ${String(d.created)}, type ${tokenOf(d.type).code})`).join(', '),
  });
});

Then("each Binary is its DocumentReference's document", function (this: GpcWorld) {
  const { references } = searchBundle(this, 'DOC-BINARY');
  for (const { id, result } of RETRIEVED.get(this) ?? []) {
    const binary = expectAnswer(this, result, { requirement: 'DOC-BINARY', status: 200, resourceType: 'Binary' });
    const described = references.find((d) => attachmentUrlId(d) === id);
    const a = ((described?.content as { attachment?: Attachment }[] | undefined) ?? [])[0]?.attachment ?? {};
    // A streamed Binary's content was digested on arrival (support/spine/http-body.ts): its size is in the summary.
    const streamed = result.exchange.response?.binary;
    const bytes = streamed
      ? streamed.bytes
      : typeof binary.content === 'string'
        ? Buffer.from(binary.content, 'base64').length
        : -1;
    const versioned = typeof (binary.meta as { versionId?: unknown } | undefined)?.versionId === 'string';
    check(this, binary.contentType === a.contentType && bytes === a.size && versioned, {
      requirement: 'DOC-BINARY',
      evidence: result,
      expected: `Binary ${id} with a versionId, contentType ${String(a.contentType)} and ${String(a.size)} bytes of content`,
      actual: `versionId ${versioned ? 'present' : 'absent'}, contentType ${String(binary.contentType)}, ${bytes} bytes`,
    });
  }
});

function attachmentUrlId(d: Resource): string | undefined {
  const url = ((d.content as { attachment?: Attachment }[] | undefined) ?? [])[0]?.attachment?.url;
  return typeof url === 'string' ? url.slice(url.lastIndexOf('/') + 1) : undefined;
}

Then('the provider refuses it as {word} expects', function (this: GpcWorld, id: string) {
  const { status, code } = expectedAnswer(id as RequirementId);
  expectError(this, this.answer('provider'), { requirement: id, status, code });
});
