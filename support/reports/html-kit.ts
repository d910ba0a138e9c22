/**
 * The few HTML building blocks index.html is made of. Every text and attribute value goes through esc():
 * evidence holds whatever a service sent, and a report must never run a script a server put in a body.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Markup already built by these helpers, so it is not escaped a second time. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export type Child = Html | string | number | undefined | false | readonly Child[];

function render(child: Child): string {
  if (child === undefined || child === false) return '';
  if (child instanceof Html) return child.markup;
  if (Array.isArray(child)) return child.map(render).join('');
  return esc(child);
}

/** `el('td', { class: 'x' }, 'text')`: attributes with undefined values are left out. */
export function el(tag: string, attrs: Record<string, string | number | undefined>, ...children: Child[]): Html {
  const attributes = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('');
  return new Html(`<${tag}${attributes}>${children.map(render).join('')}</${tag}>`);
}

export const fragment = (...children: Child[]) => new Html(children.map(render).join(''));

/** A table with a header row (none when headers is empty); each row is a list of cells. */
export function table(headers: string[], rows: Child[][], attrs: Record<string, string | undefined> = {}): Html {
  return el(
    'table',
    attrs,
    headers.length > 0 && el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c))))),
  );
}

/** A status word in its colour: passed green, anything else red or amber (see the CSS). */
export const badge = (status: string) => el('span', { class: `badge ${esc(status)}` }, status);

export const section = (id: string, title: string, ...children: Child[]) => el('section', { id }, el('h2', {}, title), ...children);

/** Anchors must be valid ids whatever a scenario is called. */
export const anchor = (prefix: string, index: number) => `${prefix}-${index}`;

/**
 * What index.html must never contain, checked by the tests: a tag attribute that fetches from a URL, a
 * stylesheet link, or a CSS import or url(). Escaped evidence text has no `<`, so it cannot match the first.
 */
export const EXTERNAL_REFERENCE = /<[^>]*\s(?:src|href|action|xlink:href|srcset|poster)\s*=\s*["']?(?:[a-z]+:)?\/\/|<link\b|<(?:iframe|object|embed)\b|@import|url\(/i;
