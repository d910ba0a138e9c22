/**
 * A FHIR Binary read as it arrives (issue 15: a retrieve of the largest document must not cost the harness
 * more than twice its size). The body goes through a streaming JSON tokenizer (stream-json); the top-level
 * `content` string is never assembled: each chunk of it is base64-decoded into a running sha256 and byte
 * count and then dropped. Everything else is assembled as usual, so the checks get the Binary with
 * `content` replaced by the same placeholder the buffered evidence uses (support/evidence/binary.ts).
 */
import { createHash } from 'node:crypto';
import Assembler from 'stream-json/Assembler';
import Parser from 'stream-json/Parser';
import { omittedContent, type BinarySummary } from './binary';

export interface StreamedBinary {
  /** The body with `content` replaced by its summary: what the checks parse and the evidence keeps. */
  text: string;
  /** Undefined when the body had no top-level `content` string (an OperationOutcome, say). */
  summary?: BinarySummary;
}

interface Token {
  name: string;
  value?: string;
}

/** base64 decoded in 4-character groups: a chunk may end inside one, so the rest waits for the next. */
class Base64Digest {
  private readonly hash = createHash('sha256');
  private carry = '';
  bytes = 0;

  update(text: string): void {
    // JSON may carry line breaks (MIME-style base64) or escaped slashes; only the alphabet counts.
    const clean = this.carry + text.replace(/[^A-Za-z0-9+/=_-]/g, '');
    const whole = clean.length - (clean.length % 4);
    this.carry = clean.slice(whole);
    if (whole) this.add(Buffer.from(clean.slice(0, whole), 'base64'));
  }

  finish(): { bytes: number; sha256: string } {
    if (this.carry) this.add(Buffer.from(this.carry, 'base64'));
    this.carry = '';
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  private add(bytes: Buffer): void {
    this.bytes += bytes.length;
    this.hash.update(bytes);
  }
}

export class BinaryStream {
  private readonly parser = new Parser({
    packKeys: true,
    packNumbers: true,
    packStrings: false,
    streamKeys: false,
    streamNumbers: false,
    streamStrings: true,
  });
  private readonly assembler = new Assembler();
  private depth = 0;
  private key: string | null = null;
  /** The string being read: collected, or (the top-level content) digested. */
  private string?: { parts: string[] } | { digest: Base64Digest };
  private content?: { bytes: number; sha256: string };
  private failure?: Error;
  private readonly resumers: (() => void)[] = [];
  private readonly ended: Promise<void>;

  constructor() {
    this.parser.on('data', (token: Token) => this.token(token));
    this.ended = new Promise((done) => {
      this.parser.on('end', done);
      this.parser.on('error', (err: Error) => {
        this.failure = err;
        // A writer waiting for 'drain' would wait for ever: the tokenizer has stopped reading.
        for (const resume of this.resumers) resume();
        done();
      });
    });
  }

  /** False when the tokenizer wants the writer to wait for 'drain' (see onDrain). */
  write(chunk: Buffer): boolean {
    return this.failure ? true : this.parser.write(chunk);
  }

  onDrain(resume: () => void): void {
    this.resumers.push(resume);
    this.parser.on('drain', resume);
  }

  /** The Binary as the checks see it; throws SyntaxError for a body that is not JSON. */
  async end(): Promise<StreamedBinary> {
    this.parser.end();
    await this.ended;
    if (this.failure || !this.assembler.done)
      throw new SyntaxError(`the body is not valid JSON (${this.failure?.message ?? 'it ended early'})`);
    const value = this.assembler.current as Record<string, unknown>;
    if (!this.content) return { text: JSON.stringify(value) };
    const summary = {
      contentType: typeof value.contentType === 'string' ? value.contentType : '(none)',
      ...this.content,
    };
    return { text: JSON.stringify({ ...value, content: omittedContent(summary) }), summary };
  }

  private token(token: Token): void {
    switch (token.name) {
      case 'startObject':
      case 'startArray':
        this.depth++;
        break;
      case 'endObject':
      case 'endArray':
        this.depth--;
        break;
      case 'keyValue':
        if (this.depth === 1) this.key = token.value ?? null;
        break;
      case 'startString':
        this.string =
          this.depth === 1 && this.key === 'content' && !this.content ? { digest: new Base64Digest() } : { parts: [] };
        return;
      case 'stringChunk':
        if (this.string && 'digest' in this.string) this.string.digest.update(token.value ?? '');
        else this.string?.parts.push(token.value ?? '');
        return;
      case 'endString':
        return this.endString();
    }
    this.assembler.consume(token);
  }

  private endString(): void {
    const string = this.string;
    this.string = undefined;
    if (string && 'digest' in string) {
      this.content = string.digest.finish();
      // A stand-in the caller replaces with the summary, once contentType (which may come later) is known.
      this.assembler.consume({ name: 'stringValue', value: '' });
    } else this.assembler.consume({ name: 'stringValue', value: string?.parts.join('') ?? '' });
  }
}
