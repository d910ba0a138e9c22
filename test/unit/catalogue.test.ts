/**
 * The behaviour catalogue (support/domain/catalogue.ts) is the one home of every ID, text, source, hop and
 * expected answer: every ID anything names comes from it, no ID is there twice, no Spine code is written
 * outside it (or the code-system data), every Spine code is one of Spine-ErrorOrWarningCode's, and each
 * status and code a feature states agrees with what its requirement's record expects.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { AstBuilder, compile, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import { CATALOGUE, REQUIREMENTS, requirement } from '../../support/domain/catalogue';
import { HOPS } from '../../support/domain/hop';
import { publicPages } from '../../support/domain/sources';
import { R4_SPINE_CODES, SSP_TEXTS, STU3_SPINE_CODES } from '../../support/domain/spine-codes';
import { CONSUMER_RULES } from '../../support/consumer/rules';
import { consumerReport } from '../../support/consumer/reports';
import { FAULT_MODES } from '../../support/simulators/faults';

const ROOT = join(__dirname, '..', '..');

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, ext);
    return path.endsWith(ext) ? [path] : [];
  });
}
const rel = (path: string) => relative(ROOT, path).split('\\').join('/');

/** The generated STU3 terminology: the codes GPConnect-OperationOutcome-1 binds issue.details to. */
function generatedStu3Codes(): Set<string> {
  const schema = readFileSync(join(ROOT, 'schemas', 'fhir', 'GPConnect-OperationOutcome-1.json'), 'utf8');
  return new Set([...schema.matchAll(/Spine-ErrorOrWarningCode-1\|([A-Z_0-9]+(?: [A-Z_0-9]+)*)/g)].map((m) => m[1]));
}

const STU3 = generatedStu3Codes();
/** Every word that is a Spine code or an SSP refusal's text: what must not be written outside the catalogue. */
const VOCABULARY = new Set<string>([...STU3, ...R4_SPINE_CODES, ...SSP_TEXTS]);
/** An UPPER_SNAKE word, but not a reference into the catalogue's code table (`SPINE.BAD_REQUEST`). */
const UPPER_SNAKE = /(?<!SPINE\.)\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;

function pickles() {
  const uuid = IdGenerator.uuid();
  return files(join(ROOT, 'features'), '.feature').flatMap((path) => {
    const parser = new Parser(new AstBuilder(uuid), new GherkinClassicTokenMatcher());
    return compile(parser.parse(readFileSync(path, 'utf8')), rel(path), uuid);
  });
}

const stripComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('the catalogue', () => {
  it('holds each ID once, with an actor, a known hop, text and a public source', () => {
    const ids = CATALOGUE.map((b) => b.id);
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
    );
    for (const r of REQUIREMENTS) {
      assert.ok((HOPS as readonly string[]).includes(r.hop), `${r.id} hop ${r.hop}`);
      assert.ok(r.text.length > 10, `${r.id} has no text`);
      assert.ok(publicPages(r.facts).length > 0 || r.facts.includes('issue'), `${r.id} cites no public page`);
      assert.match(r.source, /^https:\/\/|issue/, `${r.id} source ${r.source}`);
    }
  });

  it('is where every requirement tag in features/ comes from', () => {
    const tags = new Set(pickles().flatMap((p) => p.tags.map((t) => t.name.slice(1))));
    const ids = [...tags].filter((t) => /^[A-Z]+-/.test(t));
    assert.ok(ids.length > 100, `only ${ids.length} requirement tags found`);
    assert.deepEqual(
      ids.filter((id) => !requirement(id)),
      [],
    );
  });

  it("is where every fault's breaks ID comes from", () => {
    const breaks = FAULT_MODES.flatMap((f) => f.breaks.map((id) => ({ fault: f.id, id })));
    assert.ok(breaks.length > 50);
    assert.deepEqual(
      breaks.filter((b) => !requirement(b.id)),
      [],
    );
  });

  it('names, for each behaviour a simulator enforces, a lenient fault that exists', () => {
    const faults = new Set(FAULT_MODES.map((f) => f.id));
    const named = REQUIREMENTS.filter((r) => r.lenientFault);
    assert.ok(named.length >= 40, `only ${named.length} behaviours name a lenient fault`);
    assert.deepEqual(
      named.filter((r) => !faults.has(r.lenientFault ?? '')).map((r) => `${r.id}: ${r.lenientFault}`),
      [],
    );
  });

  it('is where every consumer rule comes from, all of them counted', () => {
    assert.deepEqual(
      CONSUMER_RULES.filter((r) => !requirement(r.id)).map((r) => r.id),
      [],
    );
    const reported = consumerReport([]).rules.map((r) => r.id);
    assert.equal(reported.length, CONSUMER_RULES.length);
    const counted = new Set<string>(REQUIREMENTS.map((r) => r.id));
    assert.deepEqual(
      CONSUMER_RULES.filter((r) => !counted.has(r.id)).map((r) => r.id),
      [],
    );
    // A CON- rule's hop is the service the request went to; the edge rules it reuses keep the provider's.
    for (const rule of CONSUMER_RULES.filter((r) => r.id.startsWith('CON-')))
      assert.equal(rule.hop, requirement(rule.id)?.hop, `${rule.id} hop`);
  });

  it('is where every requirement ID the code names comes from', () => {
    const named = files(join(ROOT, 'support'), '.ts')
      .concat(files(join(ROOT, 'steps'), '.ts'))
      .flatMap((path) =>
        [...stripComments(readFileSync(path, 'utf8')).matchAll(/requirement(?:\(|: )'([A-Z][A-Z0-9-]+)'/g)].map(
          (m) => `${rel(path)}: ${m[1]}`,
        ),
      );
    assert.ok(named.length > 0);
    assert.deepEqual(
      named.filter((n) => !requirement(n.split(': ')[1])),
      [],
    );
  });
});

describe('Spine codes', () => {
  it('the catalogue expects only codes of Spine-ErrorOrWarningCode (STU3 generated terminology, or R4 for PDS)', () => {
    assert.ok(STU3.size > 40, `the generated terminology has only ${STU3.size} codes`);
    assert.deepEqual(
      STU3_SPINE_CODES.filter((c) => !STU3.has(c)),
      [],
    );
    const r4 = new Set<string>(R4_SPINE_CODES);
    const expected = CATALOGUE.flatMap((b) => ('answers' in b ? b.answers : []).map((a) => ({ id: b.id, ...a })));
    for (const a of expected) {
      if ('code' in a && a.code) assert.ok(STU3.has(a.code) || r4.has(a.code), `${a.id}: ${a.code} is no Spine code`);
    }
  });

  it('are written nowhere in support/ and steps/ outside the catalogue and the code-system data', () => {
    const sources = files(join(ROOT, 'support'), '.ts')
      .concat(files(join(ROOT, 'steps'), '.ts'))
      .filter((path) => !rel(path).startsWith('support/domain/'))
      .map((path) => ({ file: rel(path), text: stripComments(readFileSync(path, 'utf8')) }));
    const written = sources.flatMap(({ file, text }) =>
      [...text.matchAll(UPPER_SNAKE)]
        .map((m) => m[0])
        .filter((word) => VOCABULARY.has(word))
        .map((word) => ({ file, word })),
    );
    assert.deepEqual(written, []);
    // The codes the simulators and steps do write are references into the catalogue's table (SPINE.X), found
    // in number (so the scan above is not passing over code that names no codes), each a real code.
    const referenced = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/\bSPINE\.([A-Z][A-Z0-9_]*)/g)].map((m) => ({ file, word: m[1] })),
    );
    assert.ok(referenced.length > 60, `only ${referenced.length} SPINE.X references found`);
    assert.deepEqual(
      referenced.filter((r) => !VOCABULARY.has(r.word)),
      [],
    );
    // A misspelt code written as a literal is no Spine code, so the scan above would not see it: every quoted
    // UPPER_SNAKE word must be one (environment variables and Node error codes, ERR_ and the HTTP parser's
    // HPE_, aside), and, being one, is then refused above.
    const quoted = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/['"`]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)['"`]/g)]
        .map((m) => m[1])
        .filter((word) => !/^(GPC|ERR|HPE)_/.test(word))
        .map((word) => ({ file, word })),
    );
    assert.deepEqual(
      quoted.filter((q) => !VOCABULARY.has(q.word)),
      [],
    );
  });

  it('every Spine code a feature states is a real one, and agrees with its requirement', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const pickle of pickles()) {
      const records = pickle.tags.map((t) => requirement(t.name.slice(1))).filter((r) => r !== undefined);
      // A scenario of a behaviour with no answer of its own (FMT-NO-STORE) provokes another's: it must be one
      // the catalogue expects of some behaviour.
      const own = records.flatMap((r) => r.answers);
      const answers = own.length ? own : REQUIREMENTS.flatMap((r) => r.answers);
      for (const step of pickle.steps) {
        const stated = [
          // A code written as a word, or any text the step quotes as what the answer names ("Method Not Allowed").
          ...step.text.matchAll(/\b([1-5]\d\d)\b\D*?(?:naming "([^"]+)"|\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b)/g),
        ];
        for (const [, status, quoted, word] of stated) {
          const code = quoted ?? word;
          const where = `${pickle.uri} "${step.text}"`;
          checked += 1;
          if (!VOCABULARY.has(code)) problems.push(`${where}: ${code} is no Spine code or SSP text`);
          else if (!answers.some((a) => a.status === Number(status) && (a.code === code || a.names === code)))
            problems.push(
              `${where}: ${status} ${code} is not what ${records.map((r) => r.id).join(', ')} expects (${answers.map((a) => `${a.status} ${a.code ?? a.names}`).join(', ')})`,
            );
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(checked > 50, `only ${checked} stated codes found`);
  });
});
