/**
 * The Spine-edge rules as a matrix over the interaction table (issue 16.1): which interactions each provider-mode
 * rule applies to, the probe that breaks it on each one, and the feature that probes its pairs:
 * features/spine-edge/06-edge-matrix.feature for the edge rules, no-store and read ETags, 08-format-matrix.feature
 * for the format rules. test/unit/edge-matrix.test.ts fails when a pair has no row in its feature.
 */
import { INTERACTIONS, interaction, type Interaction, type InteractionName } from './interactions';
import { EDGE_RULES, type EdgeRule, type Probe } from './jwt/jwt-rules';

/**
 * The interactions of the matrix: Appointment Management and Foundations. Register patient waits for a target
 * that can register a fresh patient in every scenario (its well-formed request has to be new each time).
 */
export const MATRIX_INTERACTIONS: readonly Interaction[] = INTERACTIONS.filter(
  (i) => (i.group === 'Foundations' || i.group === 'Appointment Management') && i.name !== 'register patient',
);

/** A FHIR read: a GET of one resource by logical id (FMT-ETAG asks its ETag of reads only). */
export const isRead = (i: Interaction) => i.method === 'GET' && i.path.endsWith('/{id}');

/**
 * The format rules ('Content types, compression and caching', 'Error handling'): every answer honours _format
 * over Accept, serves XML, gzips when asked, refuses an unsupported format with 415, and shapes that error as
 * GPConnect-OperationOutcome-1. One scenario per interaction checks all four, each check naming its rule.
 */
export const FORMAT_RULES = ['FMT-NEGOTIATE', 'FMT-GZIP', 'FMT-415', 'FMT-ERROR-OUTCOME'] as const;

const everyInteraction = () => true;

/** The answer rules probed per interaction, and where each applies. */
export const ANSWER_RULE_SCOPE: Record<string, (i: Interaction) => boolean> = {
  'FMT-NO-STORE': everyInteraction,
  'FMT-ETAG': isRead,
  ...Object.fromEntries(FORMAT_RULES.map((rule) => [rule, everyInteraction])),
};

export const EDGE_MATRIX_FEATURE = 'features/spine-edge/06-edge-matrix.feature';
export const FORMAT_MATRIX_FEATURE = 'features/spine-edge/08-format-matrix.feature';

/**
 * FMT-NEGOTIATE's whole precedence table (_format over Accept over Content-Type, JSON by default) is sent again
 * only where repeating a request changes nothing: the reads and searches. Its rows carry this tag as well.
 */
export const PRECEDENCE_TAG = 'format-precedence';
export const isRepeatable = (i: Interaction) => i.method === 'GET';

/** The feature whose rows probe a rule's pairs. */
export const matrixFeature = (rule: string) =>
  (FORMAT_RULES as readonly string[]).includes(rule) ? FORMAT_MATRIX_FEATURE : EDGE_MATRIX_FEATURE;

/** Every edge rule applies to every interaction: each request the provider serves passes through them all. */
export const appliesTo = (rule: EdgeRule | string, i: Interaction): boolean =>
  typeof rule === 'string' && rule in ANSWER_RULE_SCOPE ? ANSWER_RULE_SCOPE[rule](i) : MATRIX_INTERACTIONS.includes(i);

/**
 * A rule's probe aimed at one interaction. Two probes name another interaction, so on that one they would not
 * be wrong: the scope probe takes a scope the interaction does not have, the interaction-ID probe another ID.
 */
export function probeOn(rule: EdgeRule, i: Interaction): Probe {
  const probe = rule.probe;
  if (!probe) throw new Error(`edge rule ${rule.id} has no probe`);
  if (rule.id === 'JWT-SCOPE-MATCH') {
    const scope = i.scope === 'patient/*.read' ? 'organization/*.read' : 'patient/*.read';
    return { wrong: `requested_scope ${scope} on ${i.name}`, claims: { requested_scope: scope } };
  }
  if (rule.id === 'HDR-INTERACTION-MATCH') {
    const other: InteractionName = i.name === 'search free slots' ? 'read metadata' : 'search free slots';
    return {
      wrong: `the ${other} interaction ID on ${i.name}`,
      headers: { 'Ssp-InteractionID': interaction(other).interactionId },
    };
  }
  return probe;
}

export interface MatrixPair {
  rule: string;
  interaction: string;
  feature: string;
  /** A second probe of the same rule on the interaction, tagged so (PRECEDENCE_TAG). */
  variant?: string;
}

/**
 * Every (rule, interaction) pair the matrix calls for, with its feature: edge rules first, then the answer rules,
 * then FMT-NEGOTIATE's precedence table on the repeatable interactions.
 */
export function matrixPairs(): MatrixPair[] {
  const rules = [...EDGE_RULES.map((r) => r.id), ...Object.keys(ANSWER_RULE_SCOPE)];
  const pairs: MatrixPair[] = rules.flatMap((rule) =>
    MATRIX_INTERACTIONS.filter((i) => appliesTo(rule, i)).map((i) => ({
      rule,
      interaction: i.name,
      feature: matrixFeature(rule),
    })),
  );
  const precedence = MATRIX_INTERACTIONS.filter(isRepeatable).map((i) => ({
    rule: 'FMT-NEGOTIATE',
    interaction: i.name,
    feature: FORMAT_MATRIX_FEATURE,
    variant: PRECEDENCE_TAG,
  }));
  return [...pairs, ...precedence];
}
