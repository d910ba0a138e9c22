/** The NHS number rule lives in support/domain/rules/ with the other value rules both sides read. */
export { isValidNhsNumber, nhsCheckDigit, nhsNumberProblem } from '../domain/rules/nhs-number';

/** Formats of ODS codes and ASIDs (WE-2b, WE-1c). */
export const ODS_PATTERN = /^[0-9A-Z]+$/;
export const ASID_PATTERN = /^\d{12}$/;
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
