/**
 * The topology requirements (GP Connect 'System topologies' page), `TOP-T1` … `TOP-T13`, kept at their old address: the records are
 * support/domain/behaviours/topology.ts.
 */
import { REQUIREMENTS, type Requirement } from '../domain/catalogue';

export const TOPOLOGY_REQUIREMENTS: readonly Requirement[] = REQUIREMENTS.filter(
  (r) => r.checkedBy === 'topology-rule',
);
