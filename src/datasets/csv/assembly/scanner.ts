// AssemblyScript, compiled to ../scanner.wasm (npm run build:wasm; test/csv-scanner.test.ts checks the
// committed module is this source's). The upload's hot loop: CSV bytes in, each column's codes (or texts) out.
//
// CSV as `pandas.read_csv` reads it by default, over UTF-8 bytes: comma separator, double quotes (a quote opens
// a quoted field only at its start; "" inside one is a quote), a UTF-8 BOM ignored, and \n, \r\n and \r all
// ending a record, even mixed in one file, while line breaks inside quotes stay as they are. Lines holding only
// spaces and tabs are skipped, as pandas' tokenizer skips them. Text after a closing quote other than blanks is
// refused (pandas would glue it to the field, which is never what the file meant).
//
// Each data field is handled as soon as it ends: looked up by its bytes in its column's dictionary (distinct
// byte strings numbered in order of first appearance; only a new one is later made a string, by the caller),
// or, in a column kept as texts, appended to the chunk's texts. The caller (../columnChunker.ts) writes bytes
// into the input buffer, calls scan() until it needs more, and acts on what it returns: the header to read,
// a chunk of CHUNK_ROWS rows to take, or a failure to report.

/** Rows per chunk: the parsing thread parses a chunk while the upload's thread profiles and writes the one before. */
export const CHUNK_ROWS: i32 = 16384;
/** A column turns to texts once it has more distinct values than this and than half its rows... */
export const DICTIONARY_MAX_DISTINCT: i32 = 65536;
/** ...or than this many bytes of dictionaries over all columns (what an upload holds stays bounded)... */
const DICTIONARIES_BUDGET: f64 = 128 * 1048576;
/** ...or, sooner, more distinct values than this that are nine in ten of its rows: an id column. */
export const IDS_MIN_DISTINCT: i32 = 16384;

// What scan() and end() return.
export const NEED_INPUT: i32 = 0;
/** The header record has ended: its fields are read with headerField(), then begin() is called. */
export const HEADER: i32 = 1;
/** CHUNK_ROWS rows are ready: the caller takes them, then calls flushed(). */
export const CHUNK_FULL: i32 = 2;
/** A record's field count differs from the header's: errorLine(), errorFound(). */
export const BAD_FIELD_COUNT: i32 = 3;
/** A quoted field is followed by text other than blanks: errorLine(). */
export const TEXT_AFTER_QUOTE: i32 = 4;
/** The input ended inside a quoted field: errorLine() is the line it started on. */
export const UNCLOSED_QUOTE: i32 = 5;

// How a field's bytes are read. PLAIN: as they are. QUOTED: inside its first and last byte (the quotes).
// ESCAPED: a quoted field with doubled quotes or blanks after its closing quote (unquote()).
const PLAIN: i32 = 0;
const QUOTED: i32 = 1;
const ESCAPED: i32 = 2;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: its end, or the first of a doubled quote. */
  QuoteInQuoted,
  /** Spaces or tabs after a closing quote, which pandas keeps as part of the field. */
  AfterQuote,
}

const COMMA: u32 = 44;
const QUOTE: u32 = 34;
const LF: u32 = 10;
const CR: u32 = 13;
const SPACE: u32 = 32;
const TAB: u32 = 9;

/** Bytes readable past any buffer's used end: a lookup reads a field's first 16 bytes at once. */
const SLACK: usize = 16;

@unmanaged
class Column {
  isText: i32;
  // The dictionary: slots of (entry + 1, hash) pairs, open addressing; per entry its first 16 bytes packed in
  // two words (zero past its length), its length and its place in the arena that holds every entry's bytes.
  slots: usize;
  slotMask: i32;
  size: i32;
  entryCapacity: i32;
  lows: usize;
  highs: usize;
  lengths: usize;
  offsets: usize;
  arena: usize;
  arenaBytes: i32;
  arenaCapacity: i32;
  /** The first entry the current chunk added. */
  newFrom: i32;
  /** Per row of the chunk, its code; room for codesCapacity rows (growing up to CHUNK_ROWS: a wide file has few rows). */
  codes: usize;
  codesCapacity: i32;
  // Texts, once the column is kept so: the chunk's rows' bytes, and where each ends (CHUNK_ROWS + 1 of them, the first 0).
  texts: usize;
  textCapacity: i32;
  textEnds: usize;
}

@unmanaged
class Scan {
  buf: usize;
  capacity: i32;
  len: i32;
  pos: i32;
  recordStart: i32;
  fieldStart: i32;
  state: i32;
  kind: i32;
  /** Fields ended in the record in progress. */
  count: i32;
  /** The physical line the scan is on, the one the current record started on, and the one its open quote started on. */
  line: i32;
  recordLine: i32;
  quoteLine: i32;
  /** A \r ended the last record: a \n right after it belongs to the same line end. */
  skipLf: i32;
  bomChecked: i32;
  /** No more input is coming. */
  final: i32;
  /** Columns: 0 until the header has been read. */
  width: i32;
  columns: usize;
  rows: i32;
  rowCount: i32;
  dictionaryBytes: f64;
  /** The header's fields: (start, end, kind) triples, and how many once it has ended. */
  spans: usize;
  headerCount: i32;
  spanCapacity: i32;
  scratch: usize;
  scratchCapacity: i32;
  status: i32;
  errorLine: i32;
  errorFound: i32;
}

/** Whether the last lookup added its bytes. */
let added = false;

function zeroed(bytes: usize): usize {
  const p = heap.alloc(bytes);
  memory.fill(p, 0, bytes);
  return p;
}

export function create(): usize {
  const s = changetype<Scan>(zeroed(offsetof<Scan>()));
  s.capacity = 1 << 16;
  s.buf = heap.alloc(<usize>s.capacity + SLACK);
  s.line = 1;
  s.recordLine = 1;
  s.quoteLine = 1;
  s.spanCapacity = 64;
  s.spans = heap.alloc(<usize>s.spanCapacity * 12);
  s.scratchCapacity = 256;
  s.scratch = heap.alloc(<usize>s.scratchCapacity + SLACK);
  return changetype<usize>(s);
}

export function destroy(p: usize): void {
  const s = changetype<Scan>(p);
  for (let c = 0; c < s.width; c++) {
    const col = column(s, c);
    freeDictionary(col);
    heap.free(col.codes);
    if (col.texts) heap.free(col.texts);
    if (col.textEnds) heap.free(col.textEnds);
    heap.free(changetype<usize>(col));
  }
  if (s.columns) heap.free(s.columns);
  heap.free(s.buf);
  heap.free(s.spans);
  heap.free(s.scratch);
  heap.free(p);
}

@inline function column(s: Scan, c: i32): Column {
  return changetype<Column>(load<usize>(s.columns + (<usize>c << alignof<usize>())));
}

/** Where the caller writes the next `n` bytes of input (then calls written()); what earlier records used is dropped. */
export function inputSpace(p: usize, n: i32): usize {
  const s = changetype<Scan>(p);
  if (s.len + n > s.capacity) {
    // The header's spans point into its record; a data record's ended fields are already handled.
    const shift = s.width == 0 ? s.recordStart : s.fieldStart;
    if (shift > 0) {
      memory.copy(s.buf, s.buf + shift, s.len - shift);
      s.len -= shift;
      s.pos -= shift;
      s.fieldStart -= shift;
      s.recordStart = max(0, s.recordStart - shift);
      for (let k = 0; k < s.count && s.width == 0; k++) {
        const span = s.spans + <usize>k * 12;
        store<i32>(span, load<i32>(span) - shift);
        store<i32>(span + 4, load<i32>(span + 4) - shift);
      }
    }
    if (s.len + n > s.capacity) {
      const capacity = max(s.capacity * 2, s.len + n);
      // Grown in place when the block after it is free, as a long record's buffer mostly finds.
      s.buf = heap.realloc(s.buf, <usize>capacity + SLACK);
      s.capacity = capacity;
    }
  }
  return s.buf + s.len;
}

export function written(p: usize, n: i32): void {
  const s = changetype<Scan>(p);
  s.len += n;
  memory.fill(s.buf + s.len, 0, SLACK);
}

/** No more input: the BOM check no longer waits for three bytes. Then scan() until NEED_INPUT, then end(). */
export function endOfInput(p: usize): void {
  changetype<Scan>(p).final = 1;
}

/** Skips a UTF-8 BOM at the start of the input, once its first three bytes are known; false while they are not. */
function skipBom(s: Scan): bool {
  const n = min(s.len, 3);
  for (let i = 0; i < n; i++) {
    const bom: u32 = i == 0 ? 0xef : i == 1 ? 0xbb : 0xbf;
    if (<u32>load<u8>(s.buf + i) != bom) {
      s.bomChecked = 1;
      return true;
    }
  }
  if (s.len < 3 && !s.final) return false;
  s.bomChecked = 1;
  if (s.len >= 3) s.pos = s.recordStart = s.fieldStart = 3;
  return true;
}

export function scan(p: usize): i32 {
  const s = changetype<Scan>(p);
  if (!s.bomChecked && !skipBom(s)) return NEED_INPUT;
  const buf = s.buf;
  const len = s.len;
  let i = s.pos;
  if (s.skipLf && i < len) {
    s.skipLf = 0;
    if (<u32>load<u8>(buf + i) == LF) s.recordStart = s.fieldStart = ++i;
  }
  while (i < len) {
    const state = s.state;
    if (state == State.FieldStart) {
      s.fieldStart = i;
      if (<u32>load<u8>(buf + i) == QUOTE) {
        s.state = State.Quoted;
        s.kind = QUOTED;
        s.quoteLine = s.line;
        i++;
        continue;
      }
      s.state = State.Unquoted;
    }
    if (s.state == State.Unquoted) {
      // The hot loop: most bytes are in unquoted fields.
      let j = i;
      let c: u32 = 0;
      while (j < len) {
        c = load<u8>(buf + j);
        if (c == COMMA || c == LF || c == CR) break;
        j++;
      }
      if (j == len) {
        i = j;
        break;
      }
      if (c == COMMA) {
        endField(s, j);
        s.state = State.FieldStart;
        i = j + 1;
      } else {
        i = endLine(s, j);
        if (s.status != NEED_INPUT) return stop(s, i);
      }
      continue;
    }
    const c = <u32>load<u8>(buf + i);
    if (state == State.Quoted) {
      if (c == QUOTE) s.state = State.QuoteInQuoted;
      else if (c == CR || (c == LF && <u32>load<u8>(buf + i - 1) != CR)) s.line++;
      i++;
      continue;
    }
    // QuoteInQuoted or AfterQuote
    if (c == COMMA) {
      endField(s, i);
      s.state = State.FieldStart;
      i++;
    } else if (c == LF || c == CR) {
      i = endLine(s, i);
      if (s.status != NEED_INPUT) return stop(s, i);
    } else if (c == SPACE || c == TAB) {
      s.kind = ESCAPED;
      s.state = State.AfterQuote;
      i++;
    } else if (c == QUOTE && state == State.QuoteInQuoted) {
      s.kind = ESCAPED;
      s.state = State.Quoted;
      i++;
    } else {
      s.errorLine = s.recordLine;
      s.status = TEXT_AFTER_QUOTE;
      return stop(s, i);
    }
  }
  s.pos = i;
  return NEED_INPUT;
}

function stop(s: Scan, i: i32): i32 {
  s.pos = i;
  const status = s.status;
  s.status = NEED_INPUT;
  return status;
}

/** The end of the input, once scan() needs more: an open quote fails; the last record may lack its line end. */
export function end(p: usize): i32 {
  const s = changetype<Scan>(p);
  if (s.state == State.Quoted) {
    s.errorLine = s.quoteLine;
    return UNCLOSED_QUOTE;
  }
  if (s.pos > s.recordStart || s.count > 0) {
    if (!skipsBlankLine(s, s.pos)) {
      endField(s, s.pos);
      endRecord(s);
    }
    s.count = 0;
    s.recordStart = s.fieldStart = s.pos;
  }
  return stop(s, s.pos);
}

/** Ends the field and the record at the line end at `i`; returns where the next record starts. */
function endLine(s: Scan, i: i32): i32 {
  const c = <u32>load<u8>(s.buf + i);
  if (!skipsBlankLine(s, i)) {
    endField(s, i);
    endRecord(s);
  }
  s.line++;
  let next = i + 1;
  if (c == CR) {
    if (next < s.len) {
      if (<u32>load<u8>(s.buf + next) == LF) next++;
    } else s.skipLf = 1;
  }
  s.recordStart = s.fieldStart = next;
  s.recordLine = s.line;
  s.state = State.FieldStart;
  return next;
}

/** A record of one unquoted field of spaces and tabs only (or nothing) ending at `end`: a blank line, skipped. */
function skipsBlankLine(s: Scan, end: i32): bool {
  if (s.count != 0 || s.kind != PLAIN) return false;
  for (let i = s.fieldStart; i < end; i++) {
    const b = <u32>load<u8>(s.buf + i);
    if (b != SPACE && b != TAB) return false;
  }
  return true;
}

@inline function endField(s: Scan, end: i32): void {
  const start = s.fieldStart;
  const kind = s.kind;
  s.kind = PLAIN;
  s.fieldStart = end + 1;
  const k = s.count++;
  if (s.width == 0) {
    if (k == s.spanCapacity) {
      s.spans = heap.realloc(s.spans, <usize>k * 24);
      s.spanCapacity = k * 2;
    }
    const span = s.spans + <usize>k * 12;
    store<i32>(span, start);
    store<i32>(span + 4, end);
    store<i32>(span + 8, kind);
    return;
  }
  // A record with more fields than the header is only counted, for the error at its end.
  if (k < s.width) addField(s, column(s, k), start, end, kind);
}

function endRecord(s: Scan): void {
  const count = s.count;
  s.count = 0;
  if (s.width == 0) {
    s.headerCount = count;
    s.status = HEADER;
    return;
  }
  if (count != s.width) {
    s.errorLine = s.recordLine;
    s.errorFound = count;
    s.status = BAD_FIELD_COUNT;
    return;
  }
  s.rows++;
  s.rowCount++;
  if (s.rows == CHUNK_ROWS) s.status = CHUNK_FULL;
}

/** The text of a field (bytes [start, end) of the input, read as `kind` says) in the scratch buffer; returns its length. */
function decode(s: Scan, start: i32, end: i32, kind: i32): i32 {
  const n = end - start;
  if (n + 1 > s.scratchCapacity) {
    heap.free(s.scratch);
    s.scratchCapacity = max(n + 1, s.scratchCapacity * 2);
    s.scratch = heap.alloc(<usize>s.scratchCapacity + SLACK);
  }
  const from = s.buf + start;
  const to = s.scratch;
  if (kind == PLAIN) {
    memory.copy(to, from, n);
    return n;
  }
  if (kind == QUOTED) {
    memory.copy(to, from + 1, n - 2);
    return n - 2;
  }
  // ESCAPED: inside its quotes with "" read as one quote, then the blanks after its closing quote.
  let out = 0;
  let i = 1;
  for (; i < n; i++) {
    const b = load<u8>(from + i);
    if (<u32>b == QUOTE) {
      if (i + 1 < n && <u32>load<u8>(from + i + 1) == QUOTE) {
        store<u8>(to + out++, b);
        i++;
        continue;
      }
      i++;
      break; // the closing quote: blanks follow
    }
    store<u8>(to + out++, b);
  }
  for (; i < n; i++) store<u8>(to + out++, load<u8>(from + i));
  return out;
}

@inline function addField(s: Scan, col: Column, start: i32, end: i32, kind: i32): void {
  let from = s.buf + start;
  let n = end - start;
  if (kind == QUOTED) {
    from++;
    n -= 2;
  } else if (kind == ESCAPED) {
    n = decode(s, start, end, kind);
    from = s.scratch;
    memory.fill(from + n, 0, SLACK);
  }
  const row = s.rows;
  if (col.isText) {
    appendText(col, row, from, n);
    return;
  }
  const code = lookUp(col, from, n);
  if (row == col.codesCapacity) {
    col.codes = heap.realloc(col.codes, <usize>(row << 1) << 2);
    col.codesCapacity = row << 1;
  }
  store<i32>(col.codes + (<usize>row << 2), code);
  if (!added) return;
  s.dictionaryBytes += 3 * <f64>n + 48;
  if (turnsToTexts(s, code)) toTexts(s, col, row);
}

/** Whether a column whose last new value was number `code` is kept as texts from now on. */
function turnsToTexts(s: Scan, code: i32): bool {
  const rowCount = <f64>s.rowCount;
  if (code >= IDS_MIN_DISTINCT && <f64>code >= 0.9 * rowCount) return true;
  return code > DICTIONARY_MAX_DISTINCT && (<f64>code > rowCount / 2 || s.dictionaryBytes > DICTIONARIES_BUDGET);
}

/** The column kept as texts from this chunk on: its rows so far (up to `row`, this one) turned to their texts. */
function toTexts(s: Scan, col: Column, row: i32): void {
  col.textCapacity = 1 << 16;
  col.texts = heap.alloc(<usize>col.textCapacity);
  col.textEnds = zeroed(<usize>(CHUNK_ROWS + 1) << 2);
  for (let r = 0; r <= row; r++) {
    const code = load<i32>(col.codes + (<usize>r << 2));
    appendText(col, r, col.arena + <usize>load<i32>(col.offsets + (<usize>code << 2)), load<i32>(col.lengths + (<usize>code << 2)));
  }
  s.dictionaryBytes -= 3 * <f64>col.arenaBytes + 48 * <f64>col.size;
  freeDictionary(col);
  col.isText = 1;
}

function freeDictionary(col: Column): void {
  if (!col.slots) return;
  heap.free(col.slots);
  heap.free(col.lows);
  heap.free(col.highs);
  heap.free(col.lengths);
  heap.free(col.offsets);
  heap.free(col.arena);
  col.slots = 0;
}

function appendText(col: Column, row: i32, from: usize, n: i32): void {
  const start = load<i32>(col.textEnds + (<usize>row << 2));
  const end = start + n;
  if (end > col.textCapacity) {
    const capacity = max(col.textCapacity * 2, end);
    col.texts = heap.realloc(col.texts, <usize>capacity);
    col.textCapacity = capacity;
  }
  memory.copy(col.texts + start, from, n);
  store<i32>(col.textEnds + (<usize>(row + 1) << 2), end);
}

@inline function lowBytes(n: i32): u64 {
  return n >= 8 ? <u64>-1 : ((<u64>1) << (<u64>n << 3)) - 1;
}

/** The number of bytes [from, from + n) in the column's dictionary, adding them when new (`added`). */
@inline function lookUp(col: Column, from: usize, n: i32): i32 {
  let low: u64 = 0;
  let high: u64 = 0;
  let h: u32;
  if (n <= 16) {
    low = load<u64>(from) & lowBytes(n);
    high = n > 8 ? load<u64>(from + 8) & lowBytes(n - 8) : 0;
    let x = low ^ (high * 0x9e3779b97f4a7c15) ^ <u64>n;
    x = (x ^ (x >> 29)) * 0xbf58476d1ce4e5b9;
    x ^= x >> 32;
    h = <u32>x;
  } else {
    h = 0x811c9dc5 ^ <u32>n;
    for (let i = 0; i < n; i++) h = (h ^ <u32>load<u8>(from + i)) * 0x01000193;
    h ^= h >> 15;
    h *= 0xc2b2ae35;
    h ^= h >> 13;
  }
  const slots = col.slots;
  const mask = col.slotMask;
  let slot = <i32>h & mask;
  for (;;) {
    const at = slots + (<usize>slot << 3);
    const entry = load<i32>(at);
    if (entry == 0) break;
    if (load<u32>(at, 4) == h) {
      const code = entry - 1;
      if (load<i32>(col.lengths + (<usize>code << 2)) == n) {
        if (n <= 16) {
          if (load<u64>(col.lows + (<usize>code << 3)) == low && load<u64>(col.highs + (<usize>code << 3)) == high) {
            added = false;
            return code;
          }
        } else if (memory.compare(col.arena + <usize>load<i32>(col.offsets + (<usize>code << 2)), from, n) == 0) {
          added = false;
          return code;
        }
      }
    }
    slot = (slot + 1) & mask;
  }
  added = true;
  return addEntry(col, slot, h, low, high, from, n);
}

function addEntry(col: Column, slot: i32, h: u32, low: u64, high: u64, from: usize, n: i32): i32 {
  const code = col.size;
  if (code == col.entryCapacity) {
    const capacity = code * 2;
    col.lows = heap.realloc(col.lows, <usize>capacity << 3);
    col.highs = heap.realloc(col.highs, <usize>capacity << 3);
    col.lengths = heap.realloc(col.lengths, <usize>capacity << 2);
    col.offsets = heap.realloc(col.offsets, <usize>capacity << 2);
    col.entryCapacity = capacity;
  }
  if (col.arenaBytes + n > col.arenaCapacity) {
    const capacity = max(col.arenaCapacity * 2, col.arenaBytes + n);
    col.arena = heap.realloc(col.arena, <usize>capacity);
    col.arenaCapacity = capacity;
  }
  memory.copy(col.arena + col.arenaBytes, from, n);
  store<i32>(col.offsets + (<usize>code << 2), col.arenaBytes);
  store<i32>(col.lengths + (<usize>code << 2), n);
  store<u64>(col.lows + (<usize>code << 3), low);
  store<u64>(col.highs + (<usize>code << 3), high);
  col.arenaBytes += n;
  const at = col.slots + (<usize>slot << 3);
  store<i32>(at, code + 1);
  store<u32>(at, h, 4);
  col.size = code + 1;
  if (col.size << 2 > col.slotMask + 1) rehash(col);
  return code;
}

function rehash(col: Column): void {
  const count = (col.slotMask + 1) << 1;
  const slots = zeroed(<usize>count << 3);
  const mask = count - 1;
  for (let i = 0; i <= col.slotMask; i++) {
    const from = col.slots + (<usize>i << 3);
    const entry = load<i32>(from);
    if (entry == 0) continue;
    const h = load<u32>(from, 4);
    let slot = <i32>h & mask;
    while (load<i32>(slots + (<usize>slot << 3)) != 0) slot = (slot + 1) & mask;
    store<i32>(slots + (<usize>slot << 3), entry);
    store<u32>(slots + (<usize>slot << 3), h, 4);
  }
  heap.free(col.slots);
  col.slots = slots;
  col.slotMask = mask;
}

/** After HEADER: the header's field `k` in the scratch buffer (scratch()), its length returned. */
export function headerField(p: usize, k: i32): i32 {
  const s = changetype<Scan>(p);
  const span = s.spans + <usize>k * 12;
  return decode(s, load<i32>(span), load<i32>(span + 4), load<i32>(span + 8));
}

/** After HEADER: the data rows have `width` columns. */
export function begin(p: usize, width: i32): void {
  const s = changetype<Scan>(p);
  s.columns = heap.alloc(<usize>width << alignof<usize>());
  for (let c = 0; c < width; c++) {
    // Small at first: a file may have tens of thousands of columns.
    const col = changetype<Column>(zeroed(offsetof<Column>()));
    col.slotMask = 15;
    col.slots = zeroed(16 << 3);
    col.entryCapacity = 4;
    col.lows = heap.alloc(4 << 3);
    col.highs = heap.alloc(4 << 3);
    col.lengths = heap.alloc(4 << 2);
    col.offsets = heap.alloc(4 << 2);
    col.arenaCapacity = 32;
    col.arena = heap.alloc(32);
    col.codesCapacity = 16;
    col.codes = heap.alloc(16 << 2);
    store<usize>(s.columns + (<usize>c << alignof<usize>()), changetype<usize>(col));
  }
  s.width = width;
}

/** The caller has taken the chunk's rows. */
export function flushed(p: usize): void {
  const s = changetype<Scan>(p);
  s.rows = 0;
  for (let c = 0; c < s.width; c++) {
    const col = column(s, c);
    col.newFrom = col.size;
  }
}

// What the caller reads: the chunk's rows, and per column its codes and new entries, or its texts.
export function scratch(p: usize): usize { return changetype<Scan>(p).scratch; }
export function headerFields(p: usize): i32 { return changetype<Scan>(p).headerCount; }
export function rows(p: usize): i32 { return changetype<Scan>(p).rows; }
export function rowCount(p: usize): i32 { return changetype<Scan>(p).rowCount; }
export function errorLine(p: usize): i32 { return changetype<Scan>(p).errorLine; }
export function errorFound(p: usize): i32 { return changetype<Scan>(p).errorFound; }
export function isText(p: usize, c: i32): bool { return column(changetype<Scan>(p), c).isText != 0; }
export function codes(p: usize, c: i32): usize { return column(changetype<Scan>(p), c).codes; }
export function newFrom(p: usize, c: i32): i32 { return column(changetype<Scan>(p), c).newFrom; }
export function entries(p: usize, c: i32): i32 { return column(changetype<Scan>(p), c).size; }
export function entryStart(p: usize, c: i32, k: i32): usize {
  const col = column(changetype<Scan>(p), c);
  return col.arena + <usize>load<i32>(col.offsets + (<usize>k << 2));
}
/** The column's entries' lengths (an i32 each), in order. */
export function entryLengths(p: usize, c: i32): usize { return column(changetype<Scan>(p), c).lengths; }
export function texts(p: usize, c: i32): usize { return column(changetype<Scan>(p), c).texts; }
export function textEnds(p: usize, c: i32): usize { return column(changetype<Scan>(p), c).textEnds; }
