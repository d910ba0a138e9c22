/**
 * The Spine-ErrorOrWarningCode code systems, as data: an expected error code, or the code an answer carries
 * where the spec names none, is judged against these and never against what a simulator happens to say.
 *
 * - STU3 (`…/STU3/CodeSystem/Spine-ErrorOrWarningCode-1`): read from the shipped GPConnect-OperationOutcome-1
 *   artefact's binding, which the schema generator copied from the CodeSystem. SDS writes its codes under the
 *   matching ValueSet URL (observed on the real SDS FHIR API), which holds exactly that CodeSystem's codes.
 * - R4 (`…/R4/CodeSystem/Spine-ErrorOrWarningCode`): the catalogue's table (support/domain/spine-codes.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { R4_SPINE_CODES } from '../domain/spine-codes';
import { SYS } from './systems';

const OPERATION_OUTCOME_ARTEFACT = resolve(
  __dirname,
  '..',
  '..',
  'schemas',
  'fhir',
  'GPConnect-OperationOutcome-1.json',
);

export { R4_SPINE_CODES };

let stu3: readonly string[] | undefined;

/** The STU3 CodeSystem's codes, from the binding of OperationOutcome.issue.details in the shipped artefact. */
export function stu3SpineCodes(): readonly string[] {
  if (!stu3) {
    const artefact = JSON.parse(readFileSync(OPERATION_OUTCOME_ARTEFACT, 'utf8')) as {
      elements: Record<string, { binding?: { codes?: string[] } }>;
    };
    const codes = artefact.elements['OperationOutcome.issue.details']?.binding?.codes ?? [];
    stu3 = codes.filter((c) => c.startsWith(`${SYS.spineErrorStu3}|`)).map((c) => c.slice(c.indexOf('|') + 1));
  }
  return stu3;
}

/** The codes of the Spine code system a coding names, or undefined when the system is no Spine one. */
export function spineCodesOf(system: unknown): readonly string[] | undefined {
  if (system === SYS.spineErrorR4) return R4_SPINE_CODES as readonly string[];
  if (system === SYS.spineErrorStu3 || system === SYS.spineErrorStu3ValueSet) return stu3SpineCodes();
  return undefined;
}

/** Why a coding is not a code of a Spine-ErrorOrWarningCode system, or undefined when it is one. */
export function spineCodingProblem(coding: { system?: unknown; code?: unknown } | undefined): string | undefined {
  if (!coding) return 'no coding';
  const codes = spineCodesOf(coding.system);
  if (!codes) return `coding system ${JSON.stringify(coding.system)} is no Spine-ErrorOrWarningCode system`;
  if (typeof coding.code !== 'string' || !codes.includes(coding.code))
    return `${JSON.stringify(coding.code)} is not a code of ${String(coding.system)}`;
  return undefined;
}
