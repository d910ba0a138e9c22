/**
 * The Access Document faults (support/domain/behaviours/documents.ts): each makes one thing about the
 * documents root, its lookup, its search or its Binaries wrong.
 */
import { without, type FaultMode } from '../fault-points';
import { GpcError } from '../provider/outcomes';
import { SPINE } from '../../domain/spine-codes';

type Json = Record<string, unknown>;
type Resource = Json & { resourceType: string; id: string };

/** Each DocumentReference through `spoil`. */
const spoilEach =
  (spoil: (r: Resource) => Resource) =>
  (resources: readonly Resource[]): Resource[] =>
    resources.map((r) => (r.resourceType === 'DocumentReference' ? spoil(r) : r));

type Attachment = { url?: string; size?: number; contentType?: string; title?: string };
const attachmentOf = (r: Resource) => ((r.content as { attachment: Attachment }[])[0] ?? { attachment: {} }).attachment;
const withAttachment = (r: Resource, a: Attachment): Resource => ({ ...r, content: [{ attachment: a }] });

export const DOCUMENTS_FAULTS = [
  {
    id: 'sds-appointments-root-for-documents',
    hop: 'sds',
    description: 'SDS returns the appointments root for the documents interactions',
    breaks: ['DOC-SDS'],
    effects: {
      'sds.endpoint': (e) => ({ ...e, address: String(e.address).replace(/\/gpconnect\/documents$/, '/gpconnect') }),
    },
  },
  {
    id: 'provider-doc-metadata-wrong-version',
    hop: 'provider',
    description:
      "The documents root's CapabilityStatement declares version 1.5.0, not the documents version the target declares",
    breaks: ['DOC-METADATA'],
    effects: {
      'provider.capability-statement': (cs) =>
        (cs.rest as { resource?: Json[] }[]).some((rest) =>
          (rest.resource ?? []).some((r) => r.type === 'DocumentReference'),
        )
          ? { ...cs, version: '1.5.0' }
          : cs,
    },
  },
  {
    id: 'provider-doc-metadata-no-params',
    hop: 'provider',
    description: "The documents root's CapabilityStatement declares DocumentReference without its search parameters",
    breaks: ['DOC-METADATA'],
    effects: {
      'provider.capability-statement': (cs) => ({
        ...cs,
        rest: (cs.rest as { resource?: Json[] }[]).map((rest) => ({
          ...rest,
          resource: (rest.resource ?? []).map((r) =>
            r.type === 'DocumentReference' ? { type: r.type, interaction: r.interaction } : r,
          ),
        })),
      }),
    },
  },
  {
    id: 'provider-doc-patient-twice',
    hop: 'provider',
    description: 'Find patient answers the patient twice',
    breaks: ['DOC-PATIENT'],
    effects: { 'provider.patients': (patients) => [...patients, ...patients] },
  },
  {
    id: 'provider-doc-superseded',
    hop: 'provider',
    description: 'Search documents returns DocumentReferences with status superseded',
    breaks: ['DOC-SEARCH'],
    effects: { 'provider.document-references': spoilEach((r) => ({ ...r, status: 'superseded' })) },
  },
  {
    id: 'provider-doc-relative-url',
    hop: 'provider',
    description: "A DocumentReference's attachment URL is relative (Binary/{id}), not the full URL",
    breaks: ['DOC-ATTACHMENT'],
    effects: {
      'provider.document-references': spoilEach((r) => {
        const a = attachmentOf(r);
        return a.url ? withAttachment(r, { ...a, url: a.url.slice(a.url.indexOf('Binary/')) }) : r;
      }),
    },
  },
  {
    id: 'provider-doc-oversize-url',
    hop: 'provider',
    description: 'A document over 5 MB is offered with a Binary URL instead of as a placeholder',
    breaks: ['DOC-ATTACHMENT'],
    effects: {
      'provider.document-references': spoilEach((r) => {
        const a = attachmentOf(r);
        return a.url ? r : withAttachment(r, { contentType: a.contentType, size: a.size, url: `Binary/${r.id}` });
      }),
      'provider.duties': without('withhold documents over the size limit'),
    },
  },
  {
    id: 'provider-doc-ignore-filters',
    hop: 'provider',
    description: 'Search documents ignores created, type, facility, author and description',
    breaks: ['DOC-FILTER'],
    effects: { 'provider.duties': without('apply the documents filters') },
  },
  {
    id: 'provider-doc-includes-optional',
    hop: 'provider',
    description: 'Search documents answers a search without the mandatory includes',
    breaks: ['DOC-INCLUDES'],
    effects: { 'provider.duties': without('require the documents includes') },
  },
  {
    id: 'provider-doc-any-author',
    hop: 'provider',
    description: 'Search documents takes an author that is not an ODS code',
    breaks: ['DOC-AUTHOR-ODS'],
    effects: { 'provider.duties': without('check the documents author') },
  },
  {
    id: 'provider-doc-unknown-patient-422',
    hop: 'provider',
    description: `A search for an unknown patient id is refused 422 ${SPINE.INVALID_PARAMETER}, not 404 ${SPINE.PATIENT_NOT_FOUND}`,
    breaks: ['DOC-NOT-FOUND'],
    effects: {
      'provider.documents-refusal': (err) =>
        err.code === SPINE.PATIENT_NOT_FOUND ? new GpcError(422, SPINE.INVALID_PARAMETER, err.message) : err,
    },
  },
  {
    id: 'provider-doc-returns-inactive',
    hop: 'provider',
    description: "An inactive patient's documents are searched and returned",
    breaks: ['DOC-NOT-FOUND'],
    effects: { 'provider.duties': without('refuse an inactive patient a document search') },
  },
  {
    id: 'provider-doc-binary-wrong-type',
    hop: 'provider',
    description: 'The Binary says application/octet-stream whatever the DocumentReference said',
    breaks: ['DOC-BINARY'],
    effects: { 'provider.binary': (b) => ({ ...b, contentType: 'application/octet-stream' }) },
  },
  {
    id: 'provider-doc-binary-truncated',
    hop: 'provider',
    description: 'The Binary holds only the first half of the document it says it is (its size is not the one given)',
    breaks: ['DOC-BINARY'],
    // doc-1's 18,432 bytes, halved: a phrase of what was found, not of the expectation.
    names: 'contentType application/pdf, 9216 bytes',
    effects: {
      'provider.binary': (b) => {
        const bytes = Buffer.from(String(b.content), 'base64');
        return { ...b, content: bytes.subarray(0, bytes.length >> 1).toString('base64') };
      },
    },
  },
  {
    id: 'provider-doc-binary-unknown-400',
    hop: 'provider',
    description: `A Binary the practice cannot hand out is refused 400 ${SPINE.BAD_REQUEST}, not 404 ${SPINE.NO_RECORD_FOUND}`,
    breaks: ['DOC-BINARY-NOT-FOUND'],
    effects: {
      'provider.documents-refusal': (err) =>
        err.code === SPINE.NO_RECORD_FOUND ? new GpcError(400, SPINE.BAD_REQUEST, err.message) : err,
    },
  },
  {
    id: 'provider-doc-any-root',
    hop: 'provider',
    description: 'The appointments and structured roots serve search documents too',
    breaks: ['DOC-T11'],
    effects: {
      'provider.served-capability': (capability, { searchesDocuments }) =>
        searchesDocuments ? 'documents' : capability,
    },
  },
  {
    id: 'provider-doc-jwt-1.2',
    hop: 'provider',
    description: 'The documents root applies the 1.2 JWT rules, refusing conf/N and the migration reason',
    breaks: ['DOC-JWT-1.6'],
    effects: { 'provider.jwt-variant': (v, { capability }) => (capability === 'documents' ? 'gpc-1.2' : v) },
  },
] as const satisfies readonly FaultMode[];
