/**
 * The requirements catalogue, kept at its old address: the records live in support/domain/catalogue.ts
 * (one record per behaviour, the one home of its ID, text, source, hop and answer).
 */
export { REQUIREMENTS, requirement, requirementTags, type Requirement, type RequirementId } from './domain/catalogue';
export type { Hop } from './domain/hop';
