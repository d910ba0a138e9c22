/**
 * Find-patient queries that break one rule of AM-PAT-PARAMS (PT oracles): the identifier parameter missing,
 * mis-cased or repeated (400), or its system or value blank (422).
 */
import { SYS } from '../spine/systems';
import { encodeQuery } from './requests';

export function patientProbe(name: string, nhsNumber: string): string {
  const probes: Record<string, string> = {
    'no identifier': '',
    'a mis-cased Identifier parameter': encodeQuery([['Identifier', `${SYS.nhsNumber}|${nhsNumber}`]]),
    'two identifiers': encodeQuery([
      ['identifier', `${SYS.nhsNumber}|${nhsNumber}`],
      ['identifier', `${SYS.nhsNumber}|${nhsNumber}`],
    ]),
    'a blank system': encodeQuery([['identifier', `|${nhsNumber}`]]),
    'no system': encodeQuery([['identifier', nhsNumber]]),
    'an empty value': encodeQuery([['identifier', `${SYS.nhsNumber}|`]]),
  };
  if (!(name in probes))
    throw new Error(`unknown find-patient probe "${name}"; known: ${Object.keys(probes).join(', ')}`);
  return probes[name];
}
