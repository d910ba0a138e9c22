/**
 * A supplier estate file (YAML, schemas/estate.schema.json): the systems, their SDS AS and MHS records, the
 * data-sharing agreements and the central Spine services' registrations, turned into the registry model the
 * topology rules read. The file is written compactly; the records it yields are the ones SDS would hold.
 * Any problem is a ConfigError naming the key, so the CLI answers it with one line and exit code 2.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { InputLimitError, MAX_ESTATE_BYTES, readBoundedFile } from '../limits';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import schema from '../../schemas/estate.schema.json';
import { ConfigError } from '../config/target';
import { INTERACTIONS, type Capability } from '../interactions';
import type { AsRecord, MhsRecord, Registry, SystemRecord } from '../domain/registry';

interface AsEntry {
  asid: string;
  odsCode: string;
  partyKey: string;
  system: string;
  manufacturerOds?: string;
  capabilities?: Capability[];
  interactions?: string[];
}

interface MhsEntry {
  partyKey: string;
  odsCode: string;
  cma: boolean;
  roots?: Partial<Record<Capability, string>>;
  endpoint?: string;
  interactions?: string[];
  fqdn?: string;
  cpaId?: string;
  mhsId?: string;
}

export interface EstateDocument {
  name: string;
  description?: string;
  /** Test estates only: the one rule the estate is built to break. */
  breaks?: string;
  systems: SystemRecord[];
  as: AsEntry[];
  mhs?: MhsEntry[];
  agreements?: [string, string][];
  centralServices?: { service: string; asids?: string[]; partyKeys?: string[] }[];
}

export interface Estate {
  name: string;
  description?: string;
  breaks?: string;
  registry: Registry;
}

// strictRequired off: the anyOf/oneOf branches name properties declared beside them, which strict mode misreads.
const ajv = new Ajv({ allErrors: false, strict: true, strictRequired: false });
const validateShape = ajv.compile<EstateDocument>(schema);

const idsOf = (capability: Capability) =>
  INTERACTIONS.filter((i) => i.capability === capability).map((i) => i.interactionId);
/** What an estate may write for interactions: a group ("Foundations"), a name ("read metadata") or an ID. */
const WRITTEN = new Map<string, string[]>([
  ...[...new Set(INTERACTIONS.map((i) => i.group))].map((g): [string, string[]] => [
    g,
    INTERACTIONS.filter((i) => i.group === g).map((i) => i.interactionId),
  ]),
  ...INTERACTIONS.map((i): [string, string[]] => [i.name, [i.interactionId]]),
]);

/**
 * Interaction IDs as written. IDs outside the table are kept as they are: central Spine services'
 * interactions (PDS, EPS…) belong to an estate too.
 */
function interactionIds(written: string[] = []): string[] {
  return written.flatMap((w) => WRITTEN.get(w) ?? [w]);
}

function asRecords(doc: EstateDocument, source: string): AsRecord[] {
  const systems = new Map(doc.systems.map((s) => [s.id, s]));
  return doc.as.map((entry, index) => {
    const system = systems.get(entry.system);
    if (!system) throw new ConfigError(`as.${index}.system`, `no system with id "${entry.system}"`, source);
    return {
      asid: entry.asid,
      odsCode: entry.odsCode,
      partyKey: entry.partyKey,
      interactions: [...new Set([...(entry.capabilities ?? []).flatMap(idsOf), ...interactionIds(entry.interactions)])],
      manufacturerOds: entry.manufacturerOds ?? system.supplierOds,
      systemId: system.id,
    };
  });
}

const hostOf = (url: string) => (URL.canParse(url) ? new URL(url).host : url);

/**
 * Each entry stands for what T6 asks of a provider: one MHS record per interaction, either every
 * interaction of a capability at that capability's root (`roots`) or the listed ones at one `endpoint`.
 */
function mhsRecords(entries: MhsEntry[]): MhsRecord[] {
  return entries.flatMap((entry) => {
    const listed = entry.endpoint
      ? interactionIds(entry.interactions).map((id): [string, string] => [entry.endpoint!, id])
      : [];
    const byRoot = Object.entries(entry.roots ?? {}).flatMap(([capability, root]) =>
      idsOf(capability as Capability).map((id): [string, string] => [root, id]),
    );
    return [...listed, ...byRoot].map(([endpoint, interaction], n) => ({
      partyKey: entry.partyKey,
      odsCode: entry.odsCode,
      endpoint,
      interactions: [interaction],
      fqdn: entry.fqdn ?? hostOf(endpoint),
      cpaId: entry.cpaId ?? `${entry.partyKey}-CPA${n + 1}`,
      mhsId: entry.mhsId ?? entry.partyKey,
      cma: entry.cma,
    }));
  });
}

/** Checks a parsed estate document and builds its registry; throws one ConfigError naming the key. */
function checkEstate(doc: unknown, source: string): Estate {
  if (!validateShape(doc)) {
    const e = validateShape.errors![0];
    throw new ConfigError(e.instancePath.replace(/^\//, '').replace(/\//g, '.'), e.message ?? 'invalid', source);
  }
  const registry: Registry = {
    systems: doc.systems,
    as: asRecords(doc, source),
    mhs: mhsRecords(doc.mhs ?? []),
    agreements: doc.agreements ?? [],
    centralServices: (doc.centralServices ?? []).map((c) => ({
      service: c.service,
      asids: c.asids ?? [],
      partyKeys: c.partyKeys ?? [],
    })),
  };
  return { name: doc.name, description: doc.description, breaks: doc.breaks, registry };
}

export function parseEstateText(text: string, source: string): Estate {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new ConfigError('', `not YAML: ${(err as Error).message.split('\n')[0]}`, source);
  }
  return checkEstate(doc, source);
}

export function loadEstateFile(path: string): Estate {
  if (!existsSync(path) || !statSync(path).isFile()) throw new ConfigError('', 'no such estate file', path);
  let text: string;
  try {
    text = readBoundedFile(path, MAX_ESTATE_BYTES).toString('utf8');
  } catch (err) {
    throw new ConfigError('', err instanceof InputLimitError ? err.message : 'cannot read the estate file', path);
  }
  return parseEstateText(text, path);
}

/** The estates shipped with the topology features: four reference estates and invalid ones that each break one rule. */
export const SHIPPED_ESTATES_DIR = resolve(__dirname, '..', '..', 'features', 'topology', 'estates');

export function shippedEstateNames(): string[] {
  return readdirSync(SHIPPED_ESTATES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

export function shippedEstate(name: string): Estate {
  return loadEstateFile(join(SHIPPED_ESTATES_DIR, `${name}.yaml`));
}
