/**
 * Foundations reads (facts §5.5, §6): Patient, Practitioner, Organization and Location by logical id, each
 * with a weak ETag of its versionId; an unknown id is a 404 naming what was not found.
 */
import type { SimResponse } from '../http-kit';
import { LOCATIONS, PRACTITIONERS } from '../fixtures/people';
import type { ProviderContext } from './context';
import { GpcError, type SpineCode } from './outcomes';
import { personByPatientId } from './patients';
import { locationResource, organizationResource, patientResource, practitionerResource, type Resource } from './resources';

interface Read {
  find: (ctx: ProviderContext, id: string) => Resource | undefined;
  notFound: SpineCode;
}

const READS: Record<string, Read> = {
  Patient: {
    find: (ctx, id) => {
      const person = personByPatientId(ctx.practice.ods, id);
      return person && patientResource(person, ctx.practice.ods, { legacySystem: false, nameUse: 'official' });
    },
    notFound: 'PATIENT_NOT_FOUND',
  },
  Practitioner: { find: (ctx, id) => PRACTITIONERS.filter((p) => p.ods === ctx.practice.ods && p.id === id).map(practitionerResource)[0], notFound: 'PRACTITIONER_NOT_FOUND' },
  Organization: { find: (ctx, id) => (id === ctx.practice.ods ? organizationResource(ctx.practice) : undefined), notFound: 'ORGANISATION_NOT_FOUND' },
  Location: { find: (ctx, id) => LOCATIONS.filter((l) => l.ods === ctx.practice.ods && l.id === id).map(locationResource)[0], notFound: 'NO_RECORD_FOUND' },
};

/** The handler for `GET /{type}/{id}`. */
export const readResource = (type: keyof typeof READS) => (ctx: ProviderContext): SimResponse => {
  const { find, notFound } = READS[type];
  const id = ctx.id ?? '';
  const found = find(ctx, id);
  if (!found) {
    // Fault provider-read-unknown-as-500: the provider falls over on an id it does not have.
    if (ctx.faults.has('provider-read-unknown-as-500')) throw new GpcError(500, 'INTERNAL_SERVER_ERROR', `no ${type}/${id}`);
    throw new GpcError(404, notFound, `no ${type}/${id} at ${ctx.practice.ods}`);
  }
  const version = (found.meta as { versionId?: string } | undefined)?.versionId ?? '1';
  // Fault provider-read-strong-etag: the ETag lacks the W/ of a weak validator.
  return { status: 200, headers: { ETag: ctx.faults.has('provider-read-strong-etag') ? `"${version}"` : `W/"${version}"` }, body: found };
};
