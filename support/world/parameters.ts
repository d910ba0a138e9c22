/**
 * Domain nouns as Cucumber parameter types, so a typo in a feature fails at once rather than at run time:
 * {interaction} is a quoted name from the interaction table, {patient} a test-data role of the target file,
 * {hop} a Spine hop.
 */
import { defineParameterType } from '@cucumber/cucumber';
import { interaction, INTERACTIONS } from '../interactions';
import type { Hop } from '../domain/hop';
import { REGISTER_DEFECTS } from '../gpconnect/register-variants';

defineParameterType({
  name: 'interaction',
  regexp: new RegExp(`"(${INTERACTIONS.map((i) => i.name.replace(/[$.*+?()[\]{}|^\\]/g, '\\$&')).join('|')})"`),
  transformer: (name: string) => interaction(name),
});

/** Gherkin phrase → target-file role under testData.patients. */
export const PATIENT_ROLES: Record<string, string> = {
  registered: 'registered',
  "second practice's": 'secondPractice',
  restricted: 'restricted',
  superseded: 'superseded',
  deceased: 'deceased',
  invalidated: 'invalidated',
  unknown: 'unknown',
  'invalid check digit': 'invalidCheckDigit',
  unregistered: 'unregistered',
  dissenting: 'dissenting',
  inactive: 'inactive',
  unverified: 'unverified',
  "structured-off practice's": 'structuredDisabled',
};

defineParameterType({
  name: 'patient',
  regexp: new RegExp(`the (${Object.keys(PATIENT_ROLES).join('|')}) patient`),
  transformer: (phrase: string) => PATIENT_ROLES[phrase],
});

const HOPS: Record<string, Hop> = { PDS: 'pds', SDS: 'sds', 'the SSP': 'ssp', 'the provider': 'provider' };

defineParameterType({
  name: 'hop',
  regexp: /PDS|SDS|the SSP|the provider/,
  transformer: (phrase: string) => HOPS[phrase],
});

/** A defect of register patient's Patient (AM-FND-REG-PAYLOAD, AM-FND-REG-PROFILE), as the Examples name it. */
defineParameterType({
  name: 'register defect',
  regexp: new RegExp(
    Object.keys(REGISTER_DEFECTS)
      .sort((a, b) => b.length - a.length)
      .map((label) => label.replace(/[$.*+?()[\]{}|^\\]/g, '\\$&'))
      .join('|'),
  ),
  transformer: (label: string) => label,
});
