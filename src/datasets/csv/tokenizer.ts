import { InputError } from '../../errors';

/**
 * A field of the record being handed over: bytes [start, end) of the buffer, read as `kind` says.
 * PLAIN: the bytes are the text. QUOTED: the text is inside the first and last byte (the quotes).
 * ESCAPED: a quoted field with doubled quotes or blanks after its closing quote, read by {@link unquote}.
 */
export const PLAIN = 0;
export const QUOTED = 1;
export const ESCAPED = 2;

/** The fields of one record, reused from record to record: read them before the next one comes. */
export class FieldSpans {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  kinds = new Uint8Array(64);

  grow() {
    const size = this.starts.length * 2;
    const grown = <T extends Int32Array | Uint8Array>(a: T, b: T) => (b.set(a), b);
    this.starts = grown(this.starts, new Int32Array(size));
    this.ends = grown(this.ends, new Int32Array(size));
    this.kinds = grown(this.kinds, new Uint8Array(size));
  }
}

export interface RecordSink {
  /** One record of `count` fields (see {@link FieldSpans}) that starts on physical line `line` (1-based). */
  record(bytes: Buffer, fields: FieldSpans, count: number, line: number): void;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: its end, or the first of a doubled quote. */
  QuoteInQuoted,
  /** Spaces or tabs after a closing quote, which pandas keeps as part of the field. */
  AfterQuote,
}

const INITIAL_CAPACITY = 1 << 20;
const BOM = [0xef, 0xbb, 0xbf];

/**
 * CSV as `pandas.read_csv` reads it by default, over UTF-8 bytes: comma separator, double quotes (a quote
 * opens a quoted field only at its start; "" inside one is a quote), a UTF-8 BOM ignored, and \n, \r\n and
 * \r all ending a record, even mixed in one file, while line breaks inside quotes stay as they are. Lines
 * holding only spaces and tabs are skipped, as pandas' tokenizer skips them. Text after a closing quote
 * other than blanks is refused (pandas would glue it to the field, which is never what the file meant).
 *
 * Records are handed over as byte spans of an internal buffer, so that a consumer can look values up
 * without making a string of each field. Bytes are fed in chunks of any size; a record may span chunks.
 */
export class CsvTokenizer {
  private buf = Buffer.allocUnsafe(INITIAL_CAPACITY);
  private len = 0;
  private pos = 0;
  private recordStart = 0;
  private fieldStart = 0;
  private state = State.FieldStart;
  private readonly fields = new FieldSpans();
  private count = 0;
  private kind = PLAIN;
  /** The physical line the scan is on, the one the current record started on, and the one its open quote started on. */
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  /** A \r ended the last record: a \n right after it belongs to the same line end. */
  private skipLf = false;
  private bomChecked = false;

  constructor(private readonly sink: RecordSink) {}

  write(chunk: Uint8Array) {
    this.append(chunk);
    if (this.skipBom(false)) this.scan();
  }

  /** The end of the input: the last record may lack its line end; an open quote is an error. */
  end() {
    if (!this.bomChecked) {
      this.skipBom(true);
      this.scan();
    }
    if (this.state === State.Quoted) {
      throw new InputError(`A quoted field starting on line ${this.quoteLine} is never closed`, { line: this.quoteLine });
    }
    if (this.pos > this.recordStart || this.count > 0) {
      this.endField(this.pos);
      this.endRecord();
    }
  }

  /** Skips a UTF-8 BOM at the start of the input, once its first three bytes are known; false while they are not. */
  private skipBom(final: boolean): boolean {
    if (this.bomChecked) return true;
    for (let i = 0; i < Math.min(this.len, 3); i++) {
      if (this.buf[i] !== BOM[i]) {
        this.bomChecked = true;
        return true;
      }
    }
    if (this.len < 3 && !final) return false;
    this.bomChecked = true;
    if (this.len >= 3) this.pos = this.recordStart = this.fieldStart = 3;
    return true;
  }

  private append(chunk: Uint8Array) {
    if (this.len + chunk.length > this.buf.length) {
      // Drop what earlier records used; grow only when the record in progress needs it.
      const shift = this.recordStart;
      if (shift > 0) {
        this.buf.copy(this.buf, 0, shift, this.len);
        this.len -= shift;
        this.pos -= shift;
        this.fieldStart -= shift;
        this.recordStart = 0;
        for (let i = 0; i < this.count; i++) {
          this.fields.starts[i]! -= shift;
          this.fields.ends[i]! -= shift;
        }
      }
      if (this.len + chunk.length > this.buf.length) {
        const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + chunk.length));
        this.buf.copy(grown, 0, 0, this.len);
        this.buf = grown;
      }
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
  }

  private scan() {
    const buf = this.buf;
    const len = this.len;
    let i = this.pos;
    if (this.skipLf && i < len) {
      this.skipLf = false;
      if (buf[i] === LF) this.recordStart = this.fieldStart = ++i;
    }
    while (i < len) {
      switch (this.state) {
        case State.FieldStart:
          this.fieldStart = i;
          if (buf[i] === QUOTE) {
            this.state = State.Quoted;
            this.kind = QUOTED;
            this.quoteLine = this.line;
            i++;
            break;
          }
          i = this.unquotedFields(buf, i, len);
          break;
        case State.Unquoted:
          i = this.unquotedFields(buf, i, len);
          break;
        case State.Quoted: {
          const c = buf[i]!;
          if (c === QUOTE) this.state = State.QuoteInQuoted;
          else if (c === CR || (c === LF && buf[i - 1] !== CR)) this.line++;
          i++;
          break;
        }
        case State.QuoteInQuoted:
        case State.AfterQuote: {
          const c = buf[i]!;
          if (c === COMMA) {
            this.endField(i);
            this.state = State.FieldStart;
            i++;
          } else if (c === LF || c === CR) i = this.endLine(i);
          else if (c === SPACE || c === TAB) {
            this.kind = ESCAPED;
            this.state = State.AfterQuote;
            i++;
          } else if (c === QUOTE && this.state === State.QuoteInQuoted) {
            this.kind = ESCAPED;
            this.state = State.Quoted;
            i++;
          } else this.textAfterQuote();
          break;
        }
      }
    }
    this.pos = i;
  }

  /**
   * The hot loop: most bytes are in unquoted fields, which are read here one after another, record after
   * record (the field in progress started at `this.fieldStart`; `i` is inside it), until a quoted field or
   * the buffer's end; returns where the scan goes on, in the state it leaves.
   */
  private unquotedFields(buf: Buffer, i: number, len: number): number {
    for (;;) {
      let j = i;
      while (j < len) {
        const b = buf[j]!;
        if (b === COMMA || b === LF || b === CR) break;
        j++;
      }
      if (j === len) {
        this.state = State.Unquoted;
        return j;
      }
      if (buf[j] === COMMA) {
        this.endField(j);
        i = j + 1;
      } else i = this.endLine(j);
      if (i === len || buf[i] === QUOTE) {
        this.state = State.FieldStart;
        return i;
      }
    }
  }

  /** Ends the field and the record at the line end at `i`; returns where the next record starts. */
  private endLine(i: number): number {
    const c = this.buf[i];
    this.endField(i);
    this.endRecord();
    this.line++;
    let next = i + 1;
    if (c === CR) {
      if (next < this.len) {
        if (this.buf[next] === LF) next++;
      } else this.skipLf = true;
    }
    this.recordStart = this.fieldStart = next;
    this.recordLine = this.line;
    this.state = State.FieldStart;
    return next;
  }

  private endField(end: number) {
    if (this.count === this.fields.starts.length) this.fields.grow();
    this.fields.starts[this.count] = this.fieldStart;
    this.fields.ends[this.count] = end;
    this.fields.kinds[this.count] = this.kind;
    this.kind = PLAIN;
    this.count++;
    this.fieldStart = end + 1;
  }

  private endRecord() {
    const count = this.count;
    this.count = 0;
    if (count === 1 && this.fields.kinds[0] === PLAIN && isBlank(this.buf, this.fields.starts[0]!, this.fields.ends[0]!)) return;
    this.sink.record(this.buf, this.fields, count, this.recordLine);
  }

  private textAfterQuote(): never {
    throw new InputError(`Line ${this.recordLine} has a quoted field followed by more text before the next comma; quote the whole field`, {
      line: this.recordLine,
    });
  }
}

function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== SPACE && buf[i] !== TAB) return false;
  return true;
}

/** An ESCAPED field's bytes: inside its quotes with "" read as one quote, then the blanks after its closing quote. */
export function unquote(bytes: Buffer, start: number, end: number): Buffer {
  const out = Buffer.allocUnsafe(end - start);
  let n = 0;
  let i = start + 1;
  for (; i < end; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) {
      if (bytes[i + 1] === QUOTE && i + 1 < end) {
        out[n++] = QUOTE;
        i++;
        continue;
      }
      i++;
      break; // the closing quote: blanks follow
    }
    out[n++] = b;
  }
  for (; i < end; i++) out[n++] = bytes[i]!;
  return out.subarray(0, n);
}
