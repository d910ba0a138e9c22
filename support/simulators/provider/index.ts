/**
 * The embedded GP Connect provider (STU3): one node:http server hosting every practice in HOSTED_PRACTICES,
 * routed only on the ODS code in the URL (T12). Each request goes: service root → interaction (404, 405,
 * 501) → the Spine edge rules (EDGE_RULES, in order) → the interaction's handler. Handlers are a table
 * keyed by interaction name; an interaction with no row answers 501 until a later issue fills it in. Every
 * answer is written by negotiation.ts (format, gzip, Cache-Control, ETag); an unsupported format is refused
 * with 415 before anything else. The rules come through the fault point 'provider.edge-rules', where a
 * `provider-lenient-<rule>` fault takes one out and a `provider-strict-*` fault adds one a conformant
 * provider must not have (support/simulators/fault-modes/provider-edge.ts).
 *
 * Choices the spec leaves open:
 * - a URL that is no GP Connect service root → 404 NO_RECORD_FOUND; an unknown ODS code → 404
 *   ORGANISATION_NOT_FOUND; a path no interaction has under that root → 501 NOT_IMPLEMENTED;
 * - a known path with the wrong method → 405 BAD_REQUEST ("wrong verb", 'Error handling') with an Allow header.
 */
import type https from 'node:https';
import {
  CAPABILITY_SEGMENT,
  matchInteractions,
  type Capability,
  type InteractionName,
  type Method,
} from '../../interactions';
import { EDGE_RULES, firstBreach } from '../../jwt/jwt-rules';
import { jwtVariantOf } from '../../versions';
import { HOSTED_PRACTICES, SLOW_PRACTICE } from '../fixtures/estate';
import { hostedGeneratedPractice } from '../generated-hosting';
import { startServer, type RunningServer, type SimRequest, type SimResponse } from '../http-kit';
import type { Faults } from '../faults';
import { serviceRoot } from '../../domain/registry';
import { bookAppointment } from './appointments';
import { dutiesOf, type Practice, type ProviderContext } from './context';
import { capabilityStatement } from './metadata';
import { badRequest, fail, GpcError } from './outcomes';
import { findPatient } from './patients';
import { amendAppointment, cancelAppointment, readAppointment } from './lifecycle';
import { readResource, searchResource } from './foundations';
import { registerPatient } from './register';
import { retrievePatientAppointments } from './patient-appointments';
import { searchFreeSlots } from './slots';
import { answerRules, negotiate, unsupportedMediaType, writeAnswer } from './negotiation';
import { getStructuredRecord } from './structured';
import { migrateStructuredRecord } from './structured/migrate';
import { retrieveDocument, searchDocuments } from './documents';
import { createState, type ProviderState } from './state';
import { SPINE } from '../../domain/spine-codes';

type Handler = (ctx: ProviderContext) => SimResponse;

/** The interactions served so far; the rest of the table answers 501 NOT_IMPLEMENTED. */
const HANDLERS: Partial<Record<InteractionName, Handler>> = {
  'read metadata': (ctx) => ({ status: 200, body: capabilityStatement(ctx, 'appointments') }),
  'read structured metadata': (ctx) => ({ status: 200, body: capabilityStatement(ctx, 'structured') }),
  'search free slots': searchFreeSlots,
  'find patient': findPatient,
  'book appointment': bookAppointment,
  'read appointment': readAppointment,
  'amend appointment': amendAppointment,
  'cancel appointment': cancelAppointment,
  "retrieve patient's appointments": retrievePatientAppointments,
  'read patient': readResource('Patient'),
  'read practitioner': readResource('Practitioner'),
  'read organization': readResource('Organization'),
  'read location': readResource('Location'),
  'find practitioner': searchResource('Practitioner'),
  'find organization': searchResource('Organization'),
  'register patient': registerPatient,
  'get structured record': getStructuredRecord,
  'migrate structured record': migrateStructuredRecord,
  'read documents metadata': (ctx) => ({ status: 200, body: capabilityStatement(ctx, 'documents') }),
  'search documents patient': findPatient,
  'search documents': searchDocuments,
  'retrieve document': retrieveDocument,
  'migrate document': retrieveDocument,
};

const METHODS: Method[] = ['GET', 'POST', 'PUT'];
const ROOT_PATH = /^\/([^/]+)\/STU3\/1\/(.*)$/;
/** Longest segment first, so `gpconnect/structured/…` is not taken for `gpconnect` + `/structured/…`. */
const SEGMENTS = (Object.entries(CAPABILITY_SEGMENT) as [Capability, string][]).sort(
  ([, a], [, b]) => b.length - a.length,
);

interface Route {
  practice: Practice;
  capability: Capability;
  /** The FHIR path under the service root, e.g. `/Slot`. */
  fhirPath: string;
}

function resolveRoute(path: string): Route {
  const m = ROOT_PATH.exec(path);
  if (!m)
    throw new GpcError(
      404,
      SPINE.NO_RECORD_FOUND,
      `${path} is not under a GP Connect service root /{ODS}/STU3/1/{segment}`,
    );
  const [, ods, rest] = m;
  const practice = HOSTED_PRACTICES.find((p) => p.ods === ods) ?? hostedGeneratedPractice(ods);
  if (!practice)
    throw new GpcError(404, SPINE.ORGANISATION_NOT_FOUND, `no practice with ODS code ${ods} is hosted here`);
  const segment = SEGMENTS.find(([, s]) => rest === s || rest.startsWith(`${s}/`));
  if (!segment)
    throw new GpcError(
      404,
      SPINE.NO_RECORD_FOUND,
      `${rest} does not start with a routing segment (${Object.values(CAPABILITY_SEGMENT).join(', ')})`,
    );
  return { practice, capability: segment[0], fhirPath: rest.slice(segment[1].length) };
}

/**
 * A practice this provider answers for under a root another directory gave (the public SDS sandbox's, for
 * the nhs-sandbox profile): the SSP forwards that root here, and the JWT aud and Ssp-To the consumer sent
 * are the root's and ASID's it was told, so the rules compare with those instead of the embedded ones.
 */
export interface StandIn {
  ods: string;
  capability: Capability;
  root: string;
  asid: string;
}

function handle(
  req: SimRequest,
  state: ProviderState,
  faults: Faults,
  base: string,
  standIns: readonly StandIn[] = [],
): SimResponse {
  const route = resolveRoute(req.path);
  const { practice, fhirPath } = route;
  // A conformant provider serves each root's own capability only (T11); a fault may serve ARS anywhere.
  const capability = faults.apply('provider.served-capability', route.capability, {
    getsStructuredRecord: matchInteractions('structured', req.method, fhirPath).some(
      (c) => c.interaction.name === 'get structured record',
    ),
    searchesDocuments: matchInteractions('documents', req.method, fhirPath).some(
      (c) => c.interaction.name === 'search documents',
    ),
  });
  const candidates = matchInteractions(capability, req.method, fhirPath);
  if (candidates.length === 0) {
    const allowed = METHODS.filter((method) => matchInteractions(capability, method, fhirPath).length > 0);
    if (allowed.length === 0)
      throw new GpcError(501, SPINE.NOT_IMPLEMENTED, `no ${capability} interaction has the path ${fhirPath || '/'}`);
    return {
      ...fail(405, SPINE.BAD_REQUEST, `${req.method} is not allowed on ${fhirPath}; use ${allowed.join(' or ')}`),
      headers: { Allow: allowed.join(', ') },
    };
  }
  const standIn = standIns.find((x) => x.ods === practice.ods && x.capability === capability);
  const root = standIn?.root ?? serviceRoot(base, practice.ods, route.capability);
  const chosen = candidates.find((c) => c.interaction.interactionId === req.headers['ssp-interactionid']);
  const breach = firstBreach(
    {
      headers: req.headers,
      interaction: chosen?.interaction,
      candidates: candidates.map((c) => c.interaction),
      providerAsid: standIn?.asid ?? practice.asid,
      serviceRoot: root,
      nowSeconds: Math.floor(Date.now() / 1000),
      // The embedded provider runs the default (newest) version of each line.
      jwtVariant: faults.apply('provider.jwt-variant', jwtVariantOf(capability), { capability }),
    },
    faults.apply('provider.edge-rules', EDGE_RULES, { candidates }),
  );
  if (breach) return fail(breach.rule.status, breach.rule.spineCode, `${breach.rule.id}: ${breach.problem}`);
  // Only a lenient provider gets here without a matching Ssp-InteractionID: it serves what the URL says.
  const served = chosen ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (!served) throw badRequest('Ssp-InteractionID does not match this URL');
  const handler = HANDLERS[served.interaction.name as InteractionName];
  if (!handler)
    throw new GpcError(
      501,
      SPINE.NOT_IMPLEMENTED,
      `${served.interaction.title} is not implemented by this simulator yet`,
    );
  const does = dutiesOf(faults);
  return handler({ req, practice, serviceRoot: root, id: served.id, state, faults, does, now: new Date() });
}

function answer(
  req: SimRequest,
  state: ProviderState,
  faults: Faults,
  base: string,
  standIns?: readonly StandIn[],
): SimResponse {
  try {
    return handle(req, state, faults, base, standIns);
  } catch (err) {
    if (err instanceof GpcError) return err.toResponse();
    throw err;
  }
}

export async function startProvider(opts: {
  port: number;
  faults: Faults;
  standIns?: readonly StandIn[];
  /** HTTPS mode (issue 16.3): the provider's key, certificate, client CA and TLS policy (see providerTls). */
  tls?: https.ServerOptions;
}): Promise<RunningServer> {
  const state = createState();
  // The service roots (and so the JWT aud) contain the port, known only once the server listens.
  let base = '';
  const server = await startServer(
    'provider',
    opts.port,
    async (req, raw): Promise<'handled'> => {
      // The slow practice answers late (SSP-TIMEOUT); by then the SSP may have hung up.
      if (ROOT_PATH.exec(req.path)?.[1] === SLOW_PRACTICE.ods)
        await new Promise((wake) => setTimeout(wake, SLOW_PRACTICE.answerDelayMs));
      if (raw.res.destroyed) return 'handled';
      const negotiated = negotiate(req, opts.faults);
      if ('unsupported' in negotiated)
        writeAnswer(raw.res, req, unsupportedMediaType(negotiated.unsupported), 'json', opts.faults);
      else
        writeAnswer(raw.res, req, answer(req, state, opts.faults, base, opts.standIns), negotiated.format, opts.faults);
      return 'handled';
    },
    (status, message) => fail(status, status >= 500 ? SPINE.INTERNAL_SERVER_ERROR : SPINE.BAD_REQUEST, message),
    answerRules(opts.faults).has('FMT-NO-STORE') ? { 'Cache-Control': 'no-store' } : {},
    opts.tls,
  );
  base = server.baseUrl;
  return server;
}
