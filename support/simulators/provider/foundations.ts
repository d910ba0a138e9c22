/**
 * Foundations reads and searches ('Interaction IDs', 'Get the FHIR capability statement', 'Find a patient', 'Error handling'): Patient, Practitioner, Organization and Location
 * by logical id, each with a weak ETag of its versionId, an unknown id a 404 naming what was not found; and
 * Practitioner and Organization by identifier (Location has no search), an unknown one an empty searchset.
 */
import { SPINE } from '../../domain/spine-codes';
import { SYS } from '../../spine/systems';
import type { SimResponse } from '../http-kit';
import { LOCATIONS, PRACTITIONERS } from '../fixtures/clinicians-and-slots';
import type { ProviderContext } from './context';
import { identifierParam, ignoreShapingParams, lenientIdentifier } from './identifier-param';
import { GpcError, type SpineCode } from './outcomes';
import { personByPatientId } from './patients';
import {
  locationResource,
  organizationResource,
  patientResource,
  practitionerResource,
  searchset,
  type Resource,
} from './resources';

interface Read {
  find: (ctx: ProviderContext, id: string) => Resource | undefined;
  notFound: SpineCode;
}

const READS: Record<string, Read> = {
  Patient: {
    find: (ctx, id) => {
      const person = personByPatientId(ctx.state, ctx.practice.ods, id);
      return (
        person &&
        patientResource(person, ctx.practice.ods, { legacySystem: false, noVerification: false, nameUse: 'official' })
      );
    },
    notFound: SPINE.PATIENT_NOT_FOUND,
  },
  Practitioner: {
    find: (ctx, id) =>
      PRACTITIONERS.filter((p) => p.ods === ctx.practice.ods && p.id === id).map(practitionerResource)[0],
    notFound: SPINE.PRACTITIONER_NOT_FOUND,
  },
  Organization: {
    find: (ctx, id) => (id === ctx.practice.ods ? organizationResource(ctx.practice) : undefined),
    notFound: SPINE.ORGANISATION_NOT_FOUND,
  },
  Location: {
    find: (ctx, id) => LOCATIONS.filter((l) => l.ods === ctx.practice.ods && l.id === id).map(locationResource)[0],
    notFound: SPINE.NO_RECORD_FOUND,
  },
};

/** The handler for `GET /{type}/{id}`. */
export const readResource =
  (type: keyof typeof READS) =>
  (ctx: ProviderContext): SimResponse => {
    const { find, notFound } = READS[type];
    const id = ctx.id ?? '';
    const found = find(ctx, id);
    if (!found)
      throw ctx.faults.apply(
        'provider.read-not-found',
        new GpcError(404, notFound, `no ${type}/${id} at ${ctx.practice.ods}`),
        undefined,
      );
    // The weak ETag is written by writeAnswer (negotiation.ts etagFor), so provider-lenient-FMT-ETAG drops it.
    return ctx.faults.apply('provider.resource-read', { status: 200, body: found }, undefined);
  };

interface Search {
  /** The identifier system the search is by ('GP Connect STU3 profiles'): SDS user id, ODS organisation code. */
  system: string;
  /** This practice's resources of the type, with the identifier value each answers to. */
  all: (ctx: ProviderContext) => { value: string; resource: Resource }[];
}

const SEARCHES: Record<string, Search> = {
  Practitioner: {
    system: SYS.sdsUserId,
    all: (ctx) =>
      PRACTITIONERS.filter((p) => p.ods === ctx.practice.ods).map((p) => ({
        value: p.sdsUserId,
        resource: practitionerResource(p),
      })),
  },
  Organization: {
    system: SYS.odsOrg,
    all: (ctx) => [{ value: ctx.practice.ods, resource: organizationResource(ctx.practice) }],
  },
};

/** The handler for `GET /{type}?identifier=system|value`. */
export const searchResource =
  (type: keyof typeof SEARCHES) =>
  (ctx: ProviderContext): SimResponse => {
    const { system, all } = SEARCHES[type];
    // A lenient provider takes any system or none; no identifier at all finds everything.
    const lenient = !ctx.does('check the search identifier');
    const value = lenient ? lenientIdentifier(ctx) : identifierParam(ctx, system);
    ignoreShapingParams(ctx);
    const found = all(ctx)
      .filter((r) => (lenient && !value) || r.value === value)
      .map((r) => r.resource);
    const answered = ctx.faults.apply('provider.found-resources', found, { type, system, value });
    return { status: 200, body: searchset(ctx.serviceRoot, [...answered]) };
  };
