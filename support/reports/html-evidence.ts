/**
 * Each scenario's evidence in index.html: the journey as a sequence diagram, then every exchange with its
 * request and response (headers as recorded, already redacted), its decoded JWT judged claim by claim, its
 * validation issues, and FHIR bodies folded away in <details> so a long Bundle does not bury the rest.
 */
import type { Exchange, ScenarioEvidence } from '../evidence/types';
import { judgeClaims } from './jwt-claims';
import { structuredRecordView } from './html-structured';
import { anchor, badge, el, fragment, table, type Child, type Html } from './html-kit';
import { filterAttrs, type ScenarioView } from './html-sections';

/** The lanes of the sequence diagram, left to right, in the order a consumer's journey reaches them. */
const LANES = ['consumer', 'pds', 'sds', 'ssp', 'provider'] as const;
const LANE_LABEL: Record<(typeof LANES)[number], string> = { consumer: 'consumer', pds: 'PDS', sds: 'SDS', ssp: 'SSP', provider: 'provider' };
const LANE_GAP = 150;
const ROW_GAP = 34;
const laneX = (lane: string) => 60 + LANES.indexOf(lane as (typeof LANES)[number]) * LANE_GAP;

function outcome(e: Exchange): { text: string; ok: boolean } {
  if (e.transportError) return { text: e.transportError.kind, ok: false };
  const status = e.response?.status ?? 0;
  return { text: String(status || 'no answer'), ok: status >= 200 && status < 400 };
}

const requestLabel = (e: Exchange) => e.interaction ?? `${e.request.method} ${new URL(e.request.url, 'http://x').pathname.split('/').slice(-2).join('/')}`;

/**
 * One arrow per exchange, from the consumer to the hop it addressed. A request through the SSP goes on to
 * the provider: the arrow passes the SSP's lifeline and ends at the provider, because that is the path.
 */
function sequenceDiagram(exchanges: Exchange[], failedSeq: number | undefined): Html {
  const height = 50 + exchanges.length * ROW_GAP;
  const width = laneX('provider') + 80;
  const lanes = LANES.map((lane) =>
    fragment(
      el('text', { x: laneX(lane), y: 18, 'text-anchor': 'middle', class: 'lane' }, LANE_LABEL[lane]),
      el('line', { x1: laneX(lane), y1: 26, x2: laneX(lane), y2: height - 4, class: 'lifeline' }),
    ),
  );
  const arrows = exchanges.map((e, i) => {
    const y = 48 + i * ROW_GAP;
    const end = laneX(e.hop === 'ssp' ? 'provider' : e.hop);
    const { text, ok } = outcome(e);
    const cls = `arrow ${ok ? 'ok' : 'bad'}${e.seq === failedSeq ? ' evidence' : ''}`;
    return el(
      'g',
      { class: cls },
      el('line', { x1: laneX('consumer'), y1: y, x2: end - 6, y2: y }),
      el('polygon', { points: `${end},${y} ${end - 8},${y - 4} ${end - 8},${y + 4}` }),
      el('text', { x: laneX('consumer') + 8, y: y - 5 }, `#${e.seq} ${requestLabel(e)} → ${text}${e.seq === failedSeq ? '  (evidence of the failure)' : ''}`),
    );
  });
  return el('svg', { class: 'sequence', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'journey sequence diagram' }, lanes, arrows);
}

function headersTable(headers: Record<string, string>): Html {
  return table(['header', 'value'], Object.entries(headers).map(([k, v]) => [k, el('code', {}, v)]), { class: 'headers' });
}

/** A body folded in <details>, pretty-printed when it is JSON. */
function body(label: string, text: string | undefined): Child {
  if (!text) return false;
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Not JSON (XML, an HTML error page): shown as it came.
  }
  return el('details', { class: 'body' }, el('summary', {}, `${label} (${text.length} characters)`), el('pre', {}, shown));
}

/** A retrieved document by what identifies it, never its bytes (issue 15). */
export function binaryView(e: Exchange): Child {
  const b = e.response?.binary;
  if (!b) return false;
  return table(['Binary', ''], [['content type', el('code', {}, b.contentType)], ['size', `${b.bytes} bytes`], ['sha256', el('code', {}, b.sha256)]], { class: 'binary' });
}

function claimsTable(e: Exchange, journey: Record<string, string>): Child {
  const rows = judgeClaims(e, journey);
  if (!rows) return e.jwt && 'problem' in e.jwt ? el('p', { class: 'bad' }, `JWT could not be decoded: ${e.jwt.problem}`) : false;
  const cells = rows.map((row) => [
    el('code', {}, row.claim),
    row.value === undefined ? el('em', {}, 'absent') : el('code', {}, typeof row.value === 'string' ? row.value : JSON.stringify(row.value)),
    row.verdicts.map((v) => el('div', { title: v.text }, badge(v.problem ? 'fail' : 'pass'), ` ${v.id}`, v.problem ? `: ${v.problem}` : '')),
  ]);
  return fragment(el('h5', {}, 'JWT claims'), table(['claim', 'value', 'rules (EDGE_RULES)'], cells, { class: 'claims' }));
}

function validationList(e: Exchange): Child {
  const issues = [...(e.validation?.request ?? []).map((i) => ['request', i] as const), ...(e.validation?.response ?? []).map((i) => ['response', i] as const)];
  if (!issues.length) return false;
  return el('ul', { class: 'validation' }, issues.map(([side, issue]) => el('li', {}, `${side}: ${JSON.stringify(issue)}`)));
}

function exchangeBlock(view: ScenarioView, e: Exchange, journey: Record<string, string>): Html {
  const { text, ok } = outcome(e);
  return el(
    'div',
    { class: 'exchange', id: `${anchor('sc', view.index)}-ex-${e.seq}` },
    el('h4', {}, `#${e.seq} `, el('span', { class: 'hop' }, e.hop), ` ${e.request.method} `, el('code', {}, e.request.url), ' → ', el('span', { class: ok ? 'ok' : 'bad' }, text), ` (${e.durationMs} ms)`),
    el('details', {}, el('summary', {}, 'request headers'), headersTable(e.request.headers)),
    body('request body', e.request.body),
    e.response ? el('details', {}, el('summary', {}, 'response headers'), headersTable(e.response.headers)) : false,
    structuredRecordView(e),
    binaryView(e),
    body('response body', e.response?.body),
    claimsTable(e, journey),
    validationList(e),
  );
}

function evidenceBody(view: ScenarioView, evidence: ScenarioEvidence): Html {
  const journey = Object.entries(evidence.journey ?? {});
  return fragment(
    sequenceDiagram(evidence.exchanges, evidence.failure?.exchange),
    journey.length ? table(['carried value', ''], journey.map(([k, v]) => [k, el('code', {}, v)]), { class: 'journey' }) : false,
    evidence.exchanges.map((e) => exchangeBlock(view, e, evidence.journey ?? {})),
  );
}

export function scenarioBlock(view: ScenarioView): Html {
  const { result: r, evidence } = view;
  return el(
    'details',
    { ...filterAttrs(r), class: 'scenario filterable', id: anchor('sc', view.index), ...(r.status === 'passed' ? {} : { open: '' }) },
    el('summary', {}, badge(r.status), ' ', el('strong', {}, r.scenario), ` — ${r.feature} `, el('span', { class: 'tags' }, r.tags.join(' '))),
    evidence ? evidenceBody(view, evidence) : el('p', {}, 'No evidence was recorded for this scenario.'),
  );
}
