import { isDictionaryChunk, textAt, type ColumnChunk } from './csv/columnChunker';
import { isMissing, isNegativeInt, toNumber, valueKind, type ValueKind } from './pandasSemantics';

export const VALUE_KINDS: readonly ValueKind[] = ['int', 'int-overflow', 'uint', 'float', 'bool', 'text'];
/** The kind index of a missing value. */
export const MISSING = 255;
const TEXT = VALUE_KINDS.indexOf('text');

/**
 * Whether a value is surely text to pandas from its first character and its length alone: an ASCII letter
 * other than i first (so no number, nor inf), and more than five characters or bytes (so no NA spelling that
 * starts with a letter, nor a boolean: those are all ASCII and shorter). Ids such as "T0001234" or "user_42"
 * are, and they are most of what columns kept as texts hold.
 */
function isPlainWord(first: number, length: number): boolean {
  const lower = first | 0x20;
  return length > 5 && lower >= 0x61 && lower <= 0x7a && lower !== 0x69;
}

/**
 * How pandas reads each value of a column (pandasSemantics.ts), worked out once per distinct text: a
 * dictionary-encoded column's entries as they first appear, or, in a chunk kept as texts, each row's text.
 * Indexed as {@link ValueClasses.index} says.
 */
export class ValueClasses {
  /** Index into VALUE_KINDS, or MISSING. */
  kinds = new Uint8Array(16);
  negativeInts = new Uint8Array(16);
  /** `pd.to_numeric(errors="coerce")`: NaN when missing or not a number. */
  numbers = new Float64Array(16);
  size = 0;
  /** How many values the last chunk added: the new dictionary entries, or the chunk's texts. */
  added = 0;
  /** Whether any value a row of the last chunk can index is missing, or a number (else nothing of it needs looking at for either). */
  anyMissing = false;
  anyNumber = false;
  private codes: Int32Array | null = null;

  /** Classifies what `column` brings that is new; a row then indexes these arrays through `rowCodes` (or directly, for texts). */
  update(column: ColumnChunk) {
    if (isDictionaryChunk(column)) {
      this.codes = column.codes;
      this.added = column.newValues.length;
      this.reserve(this.size + this.added);
      for (const raw of column.newValues) this.classify(this.size++, raw);
      return;
    }
    this.codes = null;
    const rows = column.offsets.length - 1;
    this.size = 0;
    this.anyMissing = false;
    this.anyNumber = false;
    this.added = rows;
    this.reserve(rows);
    for (let row = 0; row < rows; row++) {
      this.size++;
      const start = column.offsets[row]!;
      if (isPlainWord(column.bytes[start]!, column.offsets[row + 1]! - start)) this.plainWord(row);
      else this.classify(row, textAt(column, row));
    }
  }

  private plainWord(i: number) {
    this.kinds[i] = TEXT;
    this.negativeInts[i] = 0;
    this.numbers[i] = Number.NaN;
  }

  private classify(i: number, raw: string) {
    if (isPlainWord(raw.charCodeAt(0), raw.length)) return this.plainWord(i);
    if (isMissing(raw)) {
      this.kinds[i] = MISSING;
      this.numbers[i] = Number.NaN;
      this.negativeInts[i] = 0;
      this.anyMissing = true;
      return;
    }
    const kind = valueKind(raw);
    this.kinds[i] = VALUE_KINDS.indexOf(kind);
    this.negativeInts[i] = isNegativeInt(raw, kind) ? 1 : 0;
    // Text and booleans are never numbers to pandas (valueKind calls a float that overflows text).
    const number = kind === 'text' || kind === 'bool' ? Number.NaN : toNumber(raw);
    this.numbers[i] = number;
    if (number === number) this.anyNumber = true;
  }

  /** The chunk's codes, or null when its rows index these arrays directly. */
  get rowCodes(): Int32Array | null {
    return this.codes;
  }

  private reserve(size: number) {
    if (size <= this.kinds.length) return;
    const capacity = Math.max(size, this.kinds.length * 2);
    const grow = <T extends Uint8Array | Float64Array>(a: T, b: T) => (b.set(a.subarray(0, this.size)), b);
    this.kinds = grow(this.kinds, new Uint8Array(capacity));
    this.negativeInts = grow(this.negativeInts, new Uint8Array(capacity));
    this.numbers = grow(this.numbers, new Float64Array(capacity));
  }
}
