import { isMissing, toNumber, valueKind, type ValueKind } from '../../datasets/pandasSemantics';
import type { DatasetRef } from '../types';
import { pyFloatRepr } from './pythonValues';

/**
 * str() of the values of an `object` column as the DEFAULT pandas.read_csv gives them, which is not
 * always the text of the file: the C parser (low_memory) infers types per chunk of rows, so a chunk whose
 * values are all numbers or all true/false holds ints, floats or booleans even when the column as a whole
 * is `object` (pandas' DtypeWarning "Columns have mixed types"), and an object column of true/false with
 * missing values holds booleans throughout. Each distinct raw text is classified once; a row's value is
 * known once its chunk has been seen, so the column is collected first and read with `finish()`.
 */

/** pandas' rows per chunk (parsers.pyx: the largest power of 2 below 2**20 // table width, halved). */
export function chunkRows(columnCount: number): number {
  const heuristic = Math.floor(2 ** 20 / Math.max(1, columnCount));
  let lines = 1;
  while (lines * 2 < heuristic) lines *= 2;
  return lines;
}

const BIT: Record<ValueKind, number> = { int: 1, 'int-overflow': 2, uint: 4, float: 8, bool: 16, text: 32 };
const NUMERIC = BIT.int | BIT['int-overflow'] | BIT.uint | BIT.float;

/** A float read from the text is the same double in pandas (xstrtod) and JavaScript: ≤ 15 digits, small exponent. */
function exactFloatText(raw: string): boolean {
  const m = /^\s*[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(raw);
  if (!m) return /^\s*[+-]?inf(inity)?\s*$/i.test(raw);
  const digits = `${m[1]}${m[2] ?? ''}`.replace(/^0+/, '');
  const exponent = Number(m[3] ?? 0) - (m[2] ?? '').length;
  return digits.length <= 15 && Math.abs(exponent) <= 22;
}

export class ObjectColumnCollector {
  private readonly ids = new Map<string, number>();
  private readonly raws: string[] = [];
  private readonly kinds: number[] = [];
  private readonly codes: Int32Array;
  private readonly chunkMask: number[] = [];
  private readonly chunkMissing: boolean[] = [];
  private readonly perChunk: number;

  constructor(
    private readonly name: string,
    dataset: DatasetRef,
  ) {
    this.codes = new Int32Array(dataset.rowCount);
    this.perChunk = chunkRows(dataset.columns.length);
  }

  add(raw: string, row: number) {
    const chunk = Math.floor(row / this.perChunk);
    if (isMissing(raw)) {
      this.codes[row] = -1;
      this.chunkMissing[chunk] = true;
      return;
    }
    let id = this.ids.get(raw);
    if (id === undefined) {
      id = this.raws.length;
      this.ids.set(raw, id);
      this.raws.push(raw);
      this.kinds.push(BIT[valueKind(raw)]);
    }
    this.codes[row] = id;
    this.chunkMask[chunk] = (this.chunkMask[chunk] ?? 0) | this.kinds[id]!;
  }

  /** The rows' values as ids of distinct str() texts (-1 for missing), the texts in order of first appearance. */
  finish(): { codes: Int32Array; texts: string[] } {
    type Convert = (raw: string) => string;
    const asText: Convert = (raw) => raw;
    const asBool: Convert = (raw) => (raw.toLowerCase() === 'true' ? 'True' : 'False');
    const asInt: Convert = (raw) => BigInt(raw.trim()).toString();
    const asFloat: Convert = (raw) => {
      if (!exactFloatText(raw)) {
        throw new Error(
          `Column ${JSON.stringify(this.name)} mixes text with chunks of numbers that pandas reads as floats (its DtypeWarning); ` +
            `str() of ${JSON.stringify(raw)} as pandas parses it cannot be reproduced exactly without Python`,
        );
      }
      return pyFloatRepr(toNumber(raw));
    };
    const converters = [asText, asBool, asInt, asFloat];
    const converterOf = (chunk: number): number => {
      const mask = this.chunkMask[chunk] ?? 0;
      if (mask === 0 || mask & BIT.text) return 0;
      if ((mask & BIT.bool) !== 0) return mask === BIT.bool ? 1 : 0;
      if (mask & (BIT.uint | BIT['int-overflow'])) {
        throw new Error(
          `Column ${JSON.stringify(this.name)} has a chunk of rows pandas reads as unsigned or overflowing integers inside a text column; ` +
            'its values cannot be reproduced exactly without Python',
        );
      }
      if (mask === BIT.int && !this.chunkMissing[chunk]) return 2;
      return mask & NUMERIC ? 3 : 0;
    };
    const finalIds = converters.map(() => new Int32Array(this.raws.length).fill(-1));
    const textIds = new Map<string, number>();
    const texts: string[] = [];
    let chunk = -1;
    let converter = 0;
    for (let row = 0; row < this.codes.length; row++) {
      if (row % this.perChunk === 0) converter = converterOf(++chunk);
      const raw = this.codes[row]!;
      if (raw < 0) continue;
      const cache = finalIds[converter]!;
      let id = cache[raw]!;
      if (id < 0) {
        const text = converters[converter]!(this.raws[raw]!);
        id = textIds.get(text) ?? -1;
        if (id < 0) {
          id = texts.length;
          textIds.set(text, id);
          texts.push(text);
        }
        cache[raw] = id;
      }
      this.codes[row] = id;
    }
    return { codes: this.codes, texts };
  }
}
