/**
 * The hostile requests `scripts/bench-fuzz.ts` sends, as data: each case writes raw bytes to a loopback
 * socket (so nothing a client library would refuse or repair is out of reach), with a weight saying how
 * often it is drawn. Draws come from a seeded generator, so a run can be repeated exactly.
 */
export interface FuzzContext {
  /** The service's base path (`/personal-demographics/FHIR/R4`, `` for the SSP and provider). */
  basePath: string;
  /** A path that reaches something real on this service. */
  honestPath: string;
  random: () => number;
}

export interface FuzzCase {
  name: string;
  weight: number;
  /** The bytes to send, in order (large bodies come as several chunks). */
  bytes(ctx: FuzzContext): Buffer[];
  /** Sends part of a request and stops: the server must time the client out rather than wait forever. */
  stalls?: boolean;
}

const text = (...parts: string[]) => parts.map((p) => Buffer.from(p, 'latin1'));
const get = (path: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: fuzz\r\n${extra}Connection: close\r\n\r\n`;
const post = (path: string, body: string, type = 'application/fhir+json') =>
  `POST ${path} HTTP/1.1\r\nHost: fuzz\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body, 'latin1')}\r\nConnection: close\r\n\r\n${body}`;
const between = (ctx: FuzzContext, lo: number, hi: number) => lo + Math.floor(ctx.random() * (hi - lo + 1));
const deep = (n: number) => `{"resourceType":"Bundle","entry":${'['.repeat(n)}${']'.repeat(n)}}`;

/** A chunked body of `size` bytes, in 64 KiB chunks. */
function chunkedBody(path: string, size: number): Buffer[] {
  const out = text(
    `POST ${path} HTTP/1.1\r\nHost: fuzz\r\nContent-Type: application/fhir+json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
  );
  const chunk = Buffer.alloc(64 * 1024, '7');
  for (let sent = 0; sent < size; sent += chunk.length)
    out.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
  out.push(Buffer.from('0\r\n\r\n'));
  return out;
}

export const FUZZ_CASES: readonly FuzzCase[] = [
  { name: 'honest GET', weight: 6, bytes: (c) => text(get(c.honestPath)) },
  { name: 'request line not HTTP', weight: 5, bytes: () => text('GARBAGE\r\n\r\n') },
  {
    name: 'random bytes',
    weight: 6,
    bytes: (c) => [Buffer.from(Array.from({ length: between(c, 1, 4096) }, () => Math.floor(c.random() * 256)))],
  },
  { name: 'header without colon', weight: 4, bytes: () => text('GET / HTTP/1.1\r\nHost: fuzz\r\nBad Header\r\n\r\n') },
  { name: 'header overflow', weight: 3, bytes: (c) => text(get(c.basePath, `X-Big: ${'b'.repeat(80_000)}\r\n`)) },
  { name: 'URL of 100 KB', weight: 2, bytes: (c) => text(get(`${c.basePath}/${'u'.repeat(100_000)}`)) },
  { name: 'NUL in the path', weight: 3, bytes: (c) => text(get(`${c.basePath}/Patient/\u0000`)) },
  {
    name: 'malformed percent-encoding',
    weight: 6,
    bytes: (c) =>
      text(get([`${c.basePath}/Patient/%E2%zz`, `${c.basePath}/%`, `${c.honestPath}?q=%zz`][between(c, 0, 2)])),
  },
  {
    name: 'dot segments',
    weight: 5,
    bytes: (c) =>
      text(get([`${c.basePath}/../../etc/passwd`, `${c.honestPath}/x/../metadata`, '/%2e%2e/'][between(c, 0, 2)])),
  },
  {
    name: 'unknown method',
    weight: 3,
    bytes: (c) => text(`BREW ${c.basePath} HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n\r\n`),
  },
  {
    name: 'DELETE',
    weight: 2,
    bytes: (c) => text(`DELETE ${c.honestPath} HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n\r\n`),
  },
  {
    name: 'bad Content-Length',
    weight: 3,
    bytes: (c) =>
      text(
        `POST ${c.basePath} HTTP/1.1\r\nHost: fuzz\r\nContent-Length: ${['-1', 'abc', '1, 2'][between(c, 0, 2)]}\r\n\r\n{}`,
      ),
  },
  {
    name: 'Content-Length and chunked',
    weight: 2,
    bytes: (c) =>
      text(
        `POST ${c.basePath} HTTP/1.1\r\nHost: fuzz\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      ),
  },
  {
    name: 'declared body over the cap',
    weight: 3,
    bytes: (c) => text(`POST ${c.basePath} HTTP/1.1\r\nHost: fuzz\r\nContent-Length: 99999999\r\n\r\n`),
  },
  { name: 'body of 1-10 MB', weight: 0.15, bytes: (c) => chunkedBody(c.honestPath, between(c, 1, 10) * 1024 * 1024) },
  { name: 'body just over 1,000,000 bytes', weight: 0.5, bytes: (c) => chunkedBody(c.honestPath, 1_000_000 + 65_536) },
  { name: 'invalid JSON body', weight: 4, bytes: (c) => text(post(c.honestPath, '{"resourceType":')) },
  { name: '10,000-deep JSON body', weight: 3, bytes: (c) => text(post(c.honestPath, deep(10_000))) },
  { name: 'body as text/plain', weight: 2, bytes: (c) => text(post(c.honestPath, 'not FHIR', 'text/plain')) },
  { name: 'HTTP/1.0 without Host', weight: 2, bytes: (c) => text(`GET ${c.honestPath} HTTP/1.0\r\n\r\n`) },
  { name: 'absolute-form target', weight: 2, bytes: (c) => text(get(`http://evil.invalid${c.honestPath}`)) },
  {
    name: 'honest request then garbage',
    weight: 2,
    bytes: (c) => text(get(c.honestPath).replace('Connection: close\r\n', ''), '\u0001\u0002 GARBAGE\r\n\r\n'),
  },
  {
    name: 'headers never finished',
    weight: 0.2,
    stalls: true,
    bytes: (c) => text(`GET ${c.honestPath} HTTP/1.1\r\nHost: fuzz\r\n`),
  },
  {
    name: 'body never finished',
    weight: 0.2,
    stalls: true,
    bytes: (c) =>
      text(
        `POST ${c.honestPath} HTTP/1.1\r\nHost: fuzz\r\nContent-Type: application/fhir+json\r\nContent-Length: 1000\r\n\r\n{"a":`,
      ),
  },
];

/** mulberry32: small, fast, seeded; quality enough to pick cases. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks a case by weight. */
export function drawCase(random: () => number): FuzzCase {
  const total = FUZZ_CASES.reduce((sum, c) => sum + c.weight, 0);
  let at = random() * total;
  for (const c of FUZZ_CASES) if ((at -= c.weight) < 0) return c;
  return FUZZ_CASES[0];
}
