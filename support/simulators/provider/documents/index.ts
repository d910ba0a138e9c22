/**
 * Access Document on the documents root (DOC-* records; the 1.6.2 search and retrieve pages):
 * GET …/gpconnect/documents/Patient/{id}/DocumentReference answers a searchset of the patient's
 * CareConnect-GPC-DocumentReference-1 resources with the included Patient, Organizations, usual GP and role;
 * GET …/gpconnect/documents/Binary/{id} answers the document as a FHIR Binary. A document over the direct
 * retrieval limit is only a placeholder: its DocumentReference has no URL and says why, and its Binary is
 * not found.
 */
import { createHash } from 'node:crypto';
import { DocumentQueryError, matches, readDocumentQuery } from '../../../gpconnect/document-query';
import { SYS } from '../../../spine/systems';
import { PRACTITIONERS } from '../../fixtures/clinicians-and-slots';
import type { SimResponse } from '../../http-kit';
import type { ProviderContext } from '../context';
import { GpcError, invalidParameter } from '../outcomes';
import { personByPatientId } from '../patients';
import {
  HONEST_PATIENT,
  organizationResource,
  patientResource,
  practitionerResource,
  reference,
  searchset,
  type Resource,
} from '../resources';
import {
  DIRECT_RETRIEVAL_LIMIT_BYTES,
  DOCUMENTS,
  EXTERNAL_AUTHOR,
  documentBytes,
  isRetrievable,
  type DocumentRecord,
} from './records';
import { SPINE } from '../../../domain/spine-codes';
import { WITHHELD_NHS_NUMBERS } from '../structured/record';

const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';
export const DOCUMENT_REFERENCE_PROFILE = `${SD}CareConnect-GPC-DocumentReference-1`;
const DOCUMENT_IDENTIFIER_SYSTEM = 'https://provider.gpc-assure.invalid/Id/document';

/** CareConnect-GPC-DocumentReference-1's crossCareSettingIdentifier slice (1..1): a GUID, persistent per document. */
const CROSS_CARE_SETTING_SYSTEM = 'https://fhir.nhs.uk/Id/cross-care-setting-identifier';

/** A name-based GUID, so a document keeps its cross-care-setting identifier from one request to the next. */
function persistentGuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const TOO_LARGE = `The document is over ${DIRECT_RETRIEVAL_LIMIT_BYTES / 1024 / 1024} MB and cannot be retrieved through GP Connect`;

function documentReference(ctx: ProviderContext, d: DocumentRecord): Resource {
  const attachment = {
    contentType: d.contentType,
    size: d.size,
    ...(isRetrievable(d) ? { url: `${ctx.serviceRoot}/Binary/${d.id}` } : { title: TOO_LARGE }),
  };
  return {
    resourceType: 'DocumentReference',
    id: d.id,
    meta: { profile: [DOCUMENT_REFERENCE_PROFILE] },
    identifier: [
      { system: CROSS_CARE_SETTING_SYSTEM, value: persistentGuid(`${ctx.practice.ods}/${d.id}`) },
      { system: DOCUMENT_IDENTIFIER_SYSTEM, value: d.id },
    ],
    status: 'current',
    type: { coding: [d.type] },
    subject: reference('Patient', `pat-${d.nhsNumber}`),
    created: d.created,
    indexed: d.indexed,
    author: [reference('Organization', d.authorOds)],
    custodian: reference('Organization', ctx.practice.ods),
    description: d.description,
    content: [{ attachment }],
    context: { practiceSetting: { coding: [d.practiceSetting] } },
  };
}

function externalAuthor(): Resource {
  return {
    resourceType: 'Organization',
    id: EXTERNAL_AUTHOR.ods,
    meta: { profile: [`${SD}CareConnect-GPC-Organization-1`] },
    identifier: [{ system: SYS.odsOrg, value: EXTERNAL_AUTHOR.ods }],
    name: EXTERNAL_AUTHOR.name,
  };
}

function readQuery(ctx: ProviderContext) {
  try {
    return readDocumentQuery(ctx.req.query, {
      requireIncludes: ctx.does('require the documents includes'),
      checkAuthor: ctx.does('check the documents author'),
    });
  } catch (err) {
    throw err instanceof DocumentQueryError ? invalidParameter(err.message) : err;
  }
}

/**
 * The practice's patient behind `Patient/{id}`, or 404 PATIENT_NOT_FOUND (search page, Error handling): for an
 * unknown id, and for a patient the practice holds as inactive (the same people Access Record Structured withholds).
 */
function patientOf(ctx: ProviderContext) {
  const person = personByPatientId(ctx.state, ctx.practice.ods, ctx.id ?? '');
  if (!person)
    throw new GpcError(404, SPINE.PATIENT_NOT_FOUND, `no patient ${ctx.id} is registered at ${ctx.practice.ods}`);
  if (WITHHELD_NHS_NUMBERS[person.nhsNumber] === 'inactive' && ctx.does('refuse an inactive patient a document search'))
    throw new GpcError(
      404,
      SPINE.PATIENT_NOT_FOUND,
      `the patient ${ctx.id} is not an active patient of ${ctx.practice.ods}`,
    );
  return person;
}

export function searchDocuments(ctx: ProviderContext): SimResponse {
  try {
    const query = readQuery(ctx);
    const person = patientOf(ctx);
    const held = DOCUMENTS.filter((d) => d.nhsNumber === person.nhsNumber);
    const found = ctx.does('apply the documents filters') ? held.filter((d) => matches(d, query)) : held;
    const references = ctx.faults.apply(
      'provider.document-references',
      found.map((d) => documentReference(ctx, d)),
      { serviceRoot: ctx.serviceRoot },
    );
    const gp = PRACTITIONERS.find((p) => p.ods === ctx.practice.ods)!;
    const practitioner = practitionerResource(gp);
    const role: Resource = {
      resourceType: 'PractitionerRole',
      id: `${gp.id}-role`,
      meta: { profile: [`${SD}CareConnect-GPC-PractitionerRole-1`] },
      practitioner: reference('Practitioner', gp.id),
      organization: reference('Organization', ctx.practice.ods),
      code: [{ coding: [{ system: SYS.sdsJobRole, code: gp.role.code, display: gp.role.display }] }],
    };
    const patient = {
      ...patientResource(person, ctx.practice.ods, HONEST_PATIENT),
      generalPractitioner: [reference('Practitioner', gp.id)],
    };
    const authors = found.some((d) => d.authorOds === EXTERNAL_AUTHOR.ods) ? [externalAuthor()] : [];
    const resources = [patient, organizationResource(ctx.practice), ...authors, practitioner, role, ...references];
    return { status: 200, body: searchset(ctx.serviceRoot, resources) };
  } catch (err) {
    throw err instanceof GpcError ? ctx.faults.apply('provider.documents-refusal', err, undefined) : err;
  }
}

/** The documents this practice may hand out: its own patients', within the direct retrieval limit. */
function retrievable(ctx: ProviderContext, id: string): DocumentRecord | undefined {
  const d = DOCUMENTS.find((x) => x.id === id);
  if (!d || !personByPatientId(ctx.state, ctx.practice.ods, `pat-${d.nhsNumber}`)) return undefined;
  return isRetrievable(d) || !ctx.does('withhold documents over the size limit') ? d : undefined;
}

export function retrieveDocument(ctx: ProviderContext): SimResponse {
  try {
    const d = retrievable(ctx, ctx.id ?? '');
    if (!d)
      throw new GpcError(404, SPINE.NO_RECORD_FOUND, `no document ${ctx.id} can be retrieved from ${ctx.practice.ods}`);
    const binary = {
      resourceType: 'Binary',
      id: d.id,
      meta: { versionId: '1' },
      contentType: d.contentType,
      content: documentBytes(d).toString('base64'),
    };
    return { status: 200, body: ctx.faults.apply('provider.binary', binary, undefined) };
  } catch (err) {
    throw err instanceof GpcError ? ctx.faults.apply('provider.documents-refusal', err, undefined) : err;
  }
}
