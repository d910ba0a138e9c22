/**
 * Compiles the published GP Connect STU3 profiles (JSON renditions with snapshots), the FHIR STU3 core
 * definitions (npm `fhir-stu3-definitions`, i.e. fhir@3.3.1's data) and the PDS/SDS OpenAPI specs into the
 * compact artefacts under schemas/ that support/fhir/validator.ts loads at run time. The harness never reads
 * the source folders itself: these committed artefacts, each with a provenance header, are the contract.
 *
 *   npx tsx scripts/generate-schemas.ts <profile dir> [--terminology <newer profile dir>]... [--also <profile dir>]... [--openapi <pds spec dir> <sds spec dir>]
 *
 * Each profile dir is one profile set, named by its folder (gpconnect-1.2.7, gpconnect-1.5.0: FHIR-PROFILE) and
 * compiled into its own folder (PROFILE_SET_DIRS); every artefact's provenance says which set it came from,
 * and the validator picks the set by the capability's spec version (support/versions.ts).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import YAML from 'yaml';
import { PROFILE_SET_DIRS, type ProfileSet } from '../support/versions';
import { applyDifferential } from './profile-differential';

type Json = Record<string, any>;
interface Source {
  json: Json;
  sha256: string;
  file: string;
}

const OUT = resolve(__dirname, '..', 'schemas');
const STU3_DIR = resolve(__dirname, '..', 'node_modules', 'fhir-stu3-definitions', 'profiles', 'stu3');

const STU3_SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';

/** The profiles Appointment Management and Foundations 1.2.x exchange; extensions are followed from them. */
const AM_ROOT_PROFILES = [
  'GPConnect-Appointment-1',
  'GPConnect-Slot-1',
  'GPConnect-Schedule-1',
  'GPConnect-OperationOutcome-1',
  'GPConnect-Searchset-Bundle-1',
  'GPConnect-Device-1',
  'CareConnect-GPC-Patient-1',
  'CareConnect-GPC-Organization-1',
  'CareConnect-GPC-Practitioner-1',
  'CareConnect-GPC-PractitionerRole-1',
  'CareConnect-GPC-Location-1',
].map((name) => `${STU3_SD}${name}`);

/** Access Record Structured 1.5/1.6: the collection Bundle and everything a structured record holds. */
const ARS_ROOT_PROFILES = [
  'GPConnect-StructuredRecord-Bundle-1',
  'GPConnect-OperationOutcome-1',
  'CareConnect-GPC-Patient-1',
  'CareConnect-GPC-Organization-1',
  'CareConnect-GPC-Practitioner-1',
  'CareConnect-GPC-PractitionerRole-1',
  'CareConnect-GPC-Location-1',
  'CareConnect-GPC-List-1',
  'CareConnect-GPC-AllergyIntolerance-1',
  'CareConnect-GPC-Medication-1',
  'CareConnect-GPC-MedicationStatement-1',
  'CareConnect-GPC-MedicationRequest-1',
  'CareConnect-GPC-ProblemHeader-Condition-1',
  'CareConnect-GPC-Condition-1',
  'CareConnect-GPC-Immunization-1',
  'CareConnect-GPC-Encounter-1',
  'CareConnect-GPC-Observation-1',
  'CareConnect-GPC-DiagnosticReport-1',
  'CareConnect-GPC-Specimen-1',
  'CareConnect-GPC-ReferralRequest-1',
  'CareConnect-GPC-ProcedureRequest-1',
].map((name) => `${STU3_SD}${name}`);

/** Which roots each set is compiled from. */
const ROOTS_OF_SET: Record<ProfileSet, string[]> = {
  'gpconnect-1.2.7': AM_ROOT_PROFILES,
  'gpconnect-1.5.0': ARS_ROOT_PROFILES,
};

/** Base resources the harness meets without a GP Connect profile (CapabilityStatement) or inside profiles. */
const BASE_RESOURCES = [
  'CapabilityStatement',
  'Bundle',
  'OperationOutcome',
  'Appointment',
  'Slot',
  'Schedule',
  'Patient',
  'Organization',
  'Practitioner',
  'PractitionerRole',
  'Location',
  'Device',
  'Parameters',
  // Access Record Structured
  'List',
  'AllergyIntolerance',
  'Medication',
  'MedicationStatement',
  'MedicationRequest',
  'Condition',
  'Immunization',
  'Encounter',
  'Observation',
  'DiagnosticReport',
  'Specimen',
  'ReferralRequest',
  'ProcedureRequest',
  // Access Document: the base a DocumentReference claiming no compiled profile is held to (the 1.5.0 set
  // compiles CareConnect-GPC-DocumentReference-1 from its transcribed differential). Not Binary: the base64Binary pattern overflows the stack on a document of megabytes.
  'DocumentReference',
];

/**
 * Profiles published only as XML, compiled into a set from a transcription of their differential
 * (scripts/profile-inputs/, each file with its provenance) applied onto the STU3 core definition.
 */
const PROFILE_INPUTS = resolve(__dirname, 'profile-inputs');
const DIFFERENTIALS_OF_SET: Record<ProfileSet, string[]> = {
  'gpconnect-1.2.7': [],
  'gpconnect-1.5.0': ['CareConnect-GPC-DocumentReference-1.json'],
};

/** Code lists above this size are not worth shipping (SNOMED subsets etc.): the binding is kept, unexpanded. */
const MAX_CODES = 600;

function walkJson(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walkJson(path) : name.endsWith('.json') ? [path] : [];
  });
}

function indexByUrl(dir: string): Map<string, Source> {
  const index = new Map<string, Source>();
  for (const file of walkJson(dir)) {
    const text = readFileSync(file, 'utf8');
    try {
      const json = JSON.parse(text) as Json;
      if (typeof json.url === 'string')
        index.set(json.url, { json, sha256: sha256(text), file: join(basename(dir), relative(dir, file)) });
    } catch {
      /* a malformed upstream file (a known gpconnect-fhir defect) is simply not a source */
    }
  }
  return index;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** STU3 core: every resource in a definitions bundle, indexed by canonical URL. */
function indexCoreBundle(file: string, into: Map<string, Source>): void {
  const text = readFileSync(join(STU3_DIR, file), 'utf8');
  const hash = sha256(text);
  for (const { resource } of (JSON.parse(text) as Json).entry) {
    if (resource?.url)
      into.set(resource.url, { json: resource, sha256: hash, file: `fhir@3.3.1/profiles/stu3/${file}` });
  }
}

/** Expands a ValueSet to `system|code` strings, or undefined when it uses filters or is too large. */
function expand(valueSetUrl: string, sources: Map<string, Source>): string[] | undefined {
  const vs = sources.get(valueSetUrl.replace(/\|.*$/, ''))?.json;
  if (!vs) return undefined;
  const codes: string[] = [];
  for (const include of vs.compose?.include ?? []) {
    if (include.filter?.length) return undefined;
    if (include.valueSet) {
      for (const nested of include.valueSet) codes.push(...(expand(nested, sources) ?? []));
      continue;
    }
    const concepts: Json[] = include.concept ?? codeSystemConcepts(include.system, sources) ?? [];
    if (!include.concept && concepts.length === 0) return undefined;
    codes.push(...concepts.map((c) => `${include.system}|${c.code}`));
  }
  if (codes.length === 0 && vs.expansion?.contains)
    codes.push(...vs.expansion.contains.map((c: Json) => `${c.system}|${c.code}`));
  return codes.length > 0 && codes.length <= MAX_CODES ? codes : undefined;
}

function codeSystemConcepts(system: string, sources: Map<string, Source>): Json[] | undefined {
  const cs =
    [...sources.values()].find((s) => s.json.resourceType === 'CodeSystem' && s.json.url === system)?.json ??
    [...sources.values()].find((s) => s.json.resourceType === 'ValueSet' && s.json.codeSystem?.system === system)?.json
      .codeSystem;
  const flatten = (concepts: Json[] = []): Json[] => concepts.flatMap((c) => [c, ...flatten(c.concept)]);
  return cs ? flatten(cs.concept) : undefined;
}

/** Keeps only what the validator checks; defaults are left out so the artefacts stay small. */
function compactElement(element: Json, sources: Map<string, Source>, invariantsToSkip: Set<string>): Json {
  const out: Json = { min: element.min ?? 0, max: element.max ?? '*' };
  // JSON arrays follow the base definition's max, not the profile's: a 1..1 name is still an array.
  if ((element.base?.max ?? element.max) !== '1') out.array = true;
  if (element.sliceName) out.sliceName = element.sliceName;
  const types = (element.type ?? []) as Json[];
  if (types.length) out.types = [...new Set(types.map((t) => t.code))];
  const profiles = types.map((t) => t.profile).filter(Boolean);
  if (profiles.length) out.profiles = profiles;
  const targets = types.map((t) => t.targetProfile).filter(Boolean);
  if (targets.length) out.targets = [...new Set(targets)];
  for (const [key, value] of Object.entries(element)) {
    if (key.startsWith('fixed')) out.fixed = value;
    if (key.startsWith('pattern')) out.pattern = value;
  }
  if (element.slicing)
    out.slicing = {
      discriminator: (element.slicing.discriminator ?? []).map((d: Json) => d.path),
      rules: element.slicing.rules,
    };
  const binding = element.binding;
  if (binding?.strength === 'required') {
    const valueSet = binding.valueSetReference?.reference ?? binding.valueSetUri ?? binding.valueSet;
    out.binding = { valueSet, codes: valueSet ? expand(valueSet, sources) : undefined };
  }
  const constraints = ((element.constraint ?? []) as Json[]).filter(
    (c) => c.expression && c.severity === 'error' && !invariantsToSkip.has(c.key),
  );
  if (constraints.length)
    out.invariants = constraints.map((c) => ({ key: c.key, human: c.human, expression: c.expression }));
  return out;
}

/**
 * ele-1 (has value or children), ext-1 (value or extensions, not both), ref-1 (`#id` resolves to a
 * contained resource) and dom-3 (every contained resource is referenced) are checked natively by the
 * validator: with FHIRPath on every node they would cost most of the validation time, and ref-1/dom-3 need
 * the whole resource, which a node-level evaluation lacks.
 */
const STRUCTURAL_INVARIANTS = new Set(['ele-1', 'ext-1', 'ref-1', 'dom-3']);

function compileStructure(source: Source, sources: Map<string, Source>, profileSet?: ProfileSet): Json {
  const sd = source.json;
  const elements: Json = {};
  for (const element of sd.snapshot.element as Json[]) {
    elements[element.id ?? element.path] = compactElement(element, sources, STRUCTURAL_INVARIANTS);
  }
  return {
    provenance: {
      source: sd.url,
      version: sd.version ?? null,
      sha256: source.sha256,
      file: source.file,
      ...(profileSet ? { profileSet } : {}),
      // A profile compiled from a transcribed differential names the published file it transcribes.
      ...(sd.provenance ? { transcribedFrom: sd.provenance } : {}),
    },
    ...(profileSet ? { profileSet } : {}),
    url: sd.url,
    version: sd.version ?? null,
    type: sd.type,
    kind: sd.kind,
    elements,
  };
}

function artefactName(url: string): string {
  return url.replace(/^.*\//, '');
}

/** The set a profile folder holds: its name (FHIR-PROFILE), which must be one PROFILE_SET_DIRS knows. */
function profileSetOf(profileDir: string): ProfileSet {
  const name = basename(profileDir);
  if (!(name in PROFILE_SET_DIRS)) {
    process.stderr.write(`${profileDir}: not a known profile set (${Object.keys(PROFILE_SET_DIRS).join(', ')})\n`);
    process.exit(2);
  }
  return name as ProfileSet;
}

/** Follows extension profiles and type profiles from the roots until every referenced profile is compiled. */
function compileGpConnect(profileDir: string, stu3: Map<string, Source>, terminologyDirs: string[]): string[] {
  const profileSet = profileSetOf(profileDir);
  const local = indexByUrl(profileDir);
  // A later profile set may carry a newer edition of a shared CodeSystem/ValueSet (Spine-ErrorOrWarningCode-1
  // 1.4.0 in 1.2.7, 1.6.0 in 1.5.0, which adds UNSUPPORTED_MEDIA_TYPE): a provider may use either.
  for (const dir of terminologyDirs)
    for (const [url, src] of indexByUrl(dir)) {
      const type = src.json.resourceType;
      const current = local.get(url);
      if ((type === 'CodeSystem' || type === 'ValueSet') && (!current || newer(src.json.version, current.json.version)))
        local.set(url, src);
    }
  const sources = new Map([...stu3, ...local]);
  for (const file of DIFFERENTIALS_OF_SET[profileSet]) {
    const input = fromDifferential(join(PROFILE_INPUTS, file), stu3);
    local.set(input.json.url, input);
  }
  const queue = [
    ...ROOTS_OF_SET[profileSet],
    ...DIFFERENTIALS_OF_SET[profileSet].map((f) => `${STU3_SD}${f.replace(/\.json$/, '')}`),
  ];
  const done = new Set<string>();
  const written: string[] = [];
  while (queue.length) {
    const url = queue.shift()!;
    if (done.has(url)) continue;
    done.add(url);
    const source = local.get(url);
    if (!source || source.json.resourceType !== 'StructureDefinition') continue;
    const compiled = compileStructure(source, sources, profileSet);
    for (const element of Object.values(compiled.elements) as Json[]) queue.push(...(element.profiles ?? []));
    write(`${PROFILE_SET_DIRS[profileSet]}/${artefactName(url)}.json`, compiled);
    written.push(url);
  }
  return written;
}

/**
 * A transcribed differential as a profile source: its snapshot built on the STU3 core definition of its
 * base, its provenance (the published file it transcribes) kept for the artefact.
 */
function fromDifferential(file: string, stu3: Map<string, Source>): Source {
  const text = readFileSync(file, 'utf8');
  const input = JSON.parse(text) as Json;
  const coreSnapshot = (url: string) => stu3.get(url)?.json.snapshot?.element as Json[] | undefined;
  const base = coreSnapshot(input.baseDefinition);
  if (!base) throw new Error(`${file}: no STU3 core definition ${input.baseDefinition}`);
  const element = applyDifferential(input.differential, base, (type) =>
    coreSnapshot(`http://hl7.org/fhir/StructureDefinition/${type}`),
  );
  return {
    json: { ...input, snapshot: { element } },
    sha256: sha256(text),
    file: relative(resolve(__dirname, '..'), file),
  };
}

/** The base STU3 resources and every complex datatype they reach, as one artefact keyed by type name. */
function compileStu3Base(stu3: Map<string, Source>): void {
  const byType = new Map<string, Source>();
  for (const source of stu3.values()) {
    const sd = source.json;
    if (sd.resourceType === 'StructureDefinition' && sd.derivation !== 'constraint' && sd.snapshot)
      byType.set(sd.type ?? sd.id, source);
  }
  const types: Json = {};
  const queue = [...BASE_RESOURCES, 'Extension', 'Narrative', 'Meta', 'Resource', 'DomainResource'];
  while (queue.length) {
    const name = queue.shift()!;
    const source = byType.get(name);
    if (types[name] || !source || source.json.kind === 'primitive-type') continue;
    const compiled = compileStructure(source, stu3);
    delete compiled.provenance;
    types[name] = { kind: compiled.kind, elements: compiled.elements };
    for (const element of Object.values(compiled.elements) as Json[]) queue.push(...(element.types ?? []));
  }
  const primitives = [...byType.values()]
    .filter((s) => s.json.kind === 'primitive-type')
    .map((s) => s.json.type ?? s.json.id);
  write('fhir/stu3-base.json', {
    provenance: {
      source: 'http://hl7.org/fhir/STU3 (npm fhir@3.3.1 profiles/stu3)',
      version: '3.0.1',
      sha256: {
        'profiles-resources.json': sha256(readFileSync(join(STU3_DIR, 'profiles-resources.json'), 'utf8')),
        'profiles-types.json': sha256(readFileSync(join(STU3_DIR, 'profiles-types.json'), 'utf8')),
      },
    },
    primitives,
    types,
  });
}

/** Inlines every $ref (local `#/…` and relative files) so ajv gets one self-contained schema. */
function resolveRefs(node: unknown, file: string, stack: string[] = []): unknown {
  if (Array.isArray(node)) return node.map((n) => resolveRefs(n, file, stack));
  if (!node || typeof node !== 'object') return node;
  const obj = node as Json;
  if (typeof obj.$ref === 'string') {
    const [target, pointer] = obj.$ref.split('#');
    const targetFile = target ? resolve(dirname(file), target) : file;
    const key = `${targetFile}#${pointer ?? ''}`;
    if (stack.includes(key)) return {}; // recursive schema: accept anything below the cycle
    let doc: unknown = YAML.parse(readFileSync(targetFile, 'utf8'));
    for (const part of (pointer ?? '').split('/').filter(Boolean)) doc = (doc as Json)[decodeURIComponent(part)];
    return resolveRefs(doc, targetFile, [...stack, key]);
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(obj)) {
    // OpenAPI-only keywords mean nothing to JSON Schema validation and would make ajv strict mode complain.
    if (['example', 'examples', 'xml', 'externalDocs', 'nullable', 'readOnly', 'writeOnly', 'deprecated'].includes(key))
      continue;
    out[key] = resolveRefs(value, file, stack);
  }
  return out;
}

/** The R4 bodies of PDS and SDS: those the harness reads, and the rest of PDS's, so its examples can all be judged. */
function compileOpenApi(pdsDir: string, sdsDir: string): void {
  // An optional JSON pointer (path parts percent-encoded) picks a schema out of a larger file.
  const schemas: Array<[string, string, string, string?]> = [
    ['pds-patient', pdsDir, 'components/schemas/Patient.yaml'],
    ['pds-patient-search', pdsDir, 'components/schemas/PatientSearch.yaml'],
    ['pds-patient-create', pdsDir, 'components/schemas/PatientCreateRequest.yaml'],
    ['pds-coverage', pdsDir, 'components/schemas/Coverage.yaml'],
    ['pds-coverage-search', pdsDir, 'components/schemas/CoverageSearch.yaml'],
    [
      'pds-patient-patch',
      pdsDir,
      'components/paths/patient-patch.yaml',
      '/requestBody/content/application%2Fjson-patch+json/schema',
    ],
    ['pds-operation-outcome', pdsDir, 'components/schemas/OperationOutcome.yaml'],
    ['sds-endpoint', sdsDir, 'components/schemas/Endpoint.yaml'],
    ['sds-endpoint-bundle', sdsDir, 'components/schemas/EndpointBundle.yaml'],
    ['sds-device', sdsDir, 'components/schemas/Device.yaml'],
    ['sds-device-bundle', sdsDir, 'components/schemas/DeviceBundle.yaml'],
  ];
  for (const [name, dir, path, pointer] of schemas) {
    const file = join(dir, path);
    const text = readFileSync(file, 'utf8');
    const spec = YAML.parse(
      readFileSync(join(dir, dir === pdsDir ? 'personal-demographics.yaml' : 'spine-directory-service.yaml'), 'utf8'),
    );
    write(`r4/${name}.json`, {
      // The published specs carry a `{VERSION}` placeholder, filled in only by NHS's release pipeline.
      provenance: {
        source: `${spec.info?.title ?? 'OpenAPI'}: ${path}`,
        version: /^\{.*\}$/.test(String(spec.info?.version)) ? null : (spec.info?.version ?? null),
        sha256: sha256(text),
      },
      schema: pointer
        ? resolveRefs({ $ref: `${path}#${pointer}` }, join(dir, 'spec'))
        : resolveRefs(YAML.parse(text), file),
    });
  }
}

function write(path: string, data: unknown): void {
  const target = join(OUT, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(data)}\n`);
}

/** Dotted numeric versions: is a newer than b? */
function newer(a: unknown, b: unknown): boolean {
  const parts = (v: unknown) =>
    String(v ?? '0')
      .split('.')
      .map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
}

function main(argv: string[]): void {
  const terminologyDirs: string[] = [];
  for (let i = argv.indexOf('--terminology'); i >= 0; i = argv.indexOf('--terminology'))
    terminologyDirs.push(...argv.splice(i, 2).slice(1));
  const alsoDirs: string[] = [];
  for (let i = argv.indexOf('--also'); i >= 0; i = argv.indexOf('--also')) alsoDirs.push(...argv.splice(i, 2).slice(1));
  const [profileDir, flag, pdsDir, sdsDir] = argv;
  if (!profileDir || (flag !== undefined && (flag !== '--openapi' || !pdsDir || !sdsDir))) {
    process.stderr.write(
      'usage: tsx scripts/generate-schemas.ts <profile dir> [--terminology <newer profile dir>]... [--also <profile dir>]... [--openapi <pds spec dir> <sds spec dir>]\n',
    );
    process.exit(2);
  }
  const stu3 = new Map<string, Source>();
  for (const file of ['profiles-types.json', 'profiles-resources.json', 'valuesets.json', 'v3-codesystems.json'])
    indexCoreBundle(file, stu3);
  const written = compileGpConnect(
    resolve(profileDir),
    stu3,
    terminologyDirs.map((d) => resolve(d)),
  );
  for (const dir of alsoDirs) written.push(...compileGpConnect(resolve(dir), stu3, []));
  compileStu3Base(stu3);
  if (pdsDir && sdsDir) compileOpenApi(resolve(pdsDir), resolve(sdsDir));
  process.stdout.write(
    `compiled ${written.length} GP Connect profiles (${1 + alsoDirs.length} profile sets) and the STU3 base into ${relative(process.cwd(), OUT)}\n`,
  );
}

main(process.argv.slice(2));
