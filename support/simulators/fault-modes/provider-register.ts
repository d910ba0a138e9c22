/** Register patient's payload and registration faults (AM-FND-REG-PAYLOAD, -PROFILE, -TEMPORARY). */
import { without, type FaultMode } from '../fault-points';

export const PROVIDER_REGISTER_FAULTS = [
  {
    id: 'provider-register-ignores-page-rules',
    hop: 'provider',
    description: "Register patient takes a Patient breaking the 'Register a patient' page's consumer rules",
    breaks: ['AM-FND-REG-PAYLOAD'],
    effects: { 'provider.duties': without('check the registerPatient payload') },
  },
  {
    id: 'provider-register-off-profile',
    hop: 'provider',
    description: 'Register patient takes a Patient that is not a CareConnect-GPC-Patient-1',
    breaks: ['AM-FND-REG-PROFILE'],
    effects: { 'provider.duties': without('check the registerPatient Patient against its profile') },
  },
  {
    id: 'provider-registers-regular',
    hop: 'provider',
    description: 'Register patient files the person as a regular (R), not a temporary, registration',
    breaks: ['AM-FND-REG-TEMPORARY'],
    effects: { 'provider.duties': without('register as a temporary patient') },
  },
] as const satisfies readonly FaultMode[];
