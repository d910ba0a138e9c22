/**
 * What every reference consumer does first: trace the registered patient on PDS, then the SDS Endpoint and
 * Device for one interaction (T13), giving the root and ASID that interaction's requests go to.
 */
import type { Target } from '../config/target';
import { identifierValue } from '../fhir/bundle';
import { interaction, type InteractionName } from '../interactions';
import type { EvidenceLog } from '../spine/http';
import { tracePatient } from '../spine/pds-client';
import { findDevices, findEndpoints } from '../spine/sds-client';
import { SYS } from '../spine/systems';
import { answer, only } from './reference-consumer';

export async function traceAndResolveRoot(log: EvidenceLog, target: Target, lookupName: InteractionName) {
  const traced = answer(await tracePatient(log, target, target.testData.patients.registered.nhsNumber), 200, 'PDS');
  const nhsNumber = traced.id ?? target.testData.patients.registered.nhsNumber;
  const ods = identifierValue((traced.generalPractitioner as unknown[])[0], SYS.odsOrg) ?? '';
  const lookup = interaction(lookupName);
  const found = answer(await findEndpoints(log, target, ods, lookup.interactionId), 200, 'SDS Endpoint');
  const endpoint = only(found, 'Endpoint', 'SDS Endpoint');
  const partyKey = identifierValue(endpoint, SYS.partyKey) ?? '';
  const devices = answer(await findDevices(log, target, ods, lookup.interactionId, partyKey), 200, 'SDS Device');
  const providerAsid = identifierValue(only(devices, 'Device', 'SDS Device'), SYS.asid) ?? '';
  return { nhsNumber, root: String(endpoint.address), providerAsid };
}
