import { createReadStream } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetRef } from '../pipeline/types';
import { EventLoopSlices } from '../util/eventLoop';
import { seedFrom } from '../util/random';
import { ColumnFileWriter } from './columnFile';
import { readCsv, type CsvReadOptions, type CsvReadResult } from './csvReader';
import { ColumnProfiler, type ColumnProfile } from './profile';
import { SamplePoolBuilder, type SamplePool } from './samplePool';
import { ValueClasses } from './valueClasses';

export interface Ingested {
  read: CsvReadResult;
  columns: ColumnProfile[];
  pool: SamplePool;
}

export interface IngestOptions extends Pick<CsvReadOptions, 'destination' | 'maxBytes' | 'tooLarge' | 'parser' | 'sizeHint'> {
  /** Where the columns file (columnFile.ts) is written. */
  columnsFile: string;
}

/**
 * Reads a CSV once and derives all a dataset keeps from it: its profile (dtypes, null counts, moments), its
 * sample pool, and its columns file, every value classified once however often it repeats. On a failure the
 * columns file is left for the caller to remove.
 */
export async function ingestCsv(source: AsyncIterable<Uint8Array>, options: IngestOptions): Promise<Ingested> {
  // Created once the first rows have come: a source that fails at once (a missing file) fails the read,
  // before anything else is awaited that would leave its error unheard.
  let writer: ColumnFileWriter | null = null;
  let profilers: ColumnProfiler[] = [];
  let classes: ValueClasses[] = [];
  let header: string[] = [];
  const pool = new SamplePoolBuilder(seedFrom('sample-pool'));
  const slices = new EventLoopSlices();
  try {
    const read = await readCsv(source, {
      ...options,
      onHeader: (names) => {
        header = names;
        profilers = names.map((name) => new ColumnProfiler(name));
        classes = names.map(() => new ValueClasses());
        pool.onHeader(names);
      },
      onChunk: async (chunk) => {
        if (!writer) {
          writer = await ColumnFileWriter.create(options.columnsFile);
          await writer.header(header);
        }
        for (const [c, column] of chunk.columns.entries()) {
          classes[c]!.update(column);
          profilers[c]!.addChunk(column, classes[c]!, chunk.rows);
          await slices.giveWay();
        }
        pool.addChunk(chunk, classes);
        await writer.chunk(chunk, slices);
      },
    });
    // The columns file's last bytes are written while the pool and the profiles are finished.
    const written = writer!.finish(read.rowCount);
    written.catch(() => {}); // awaited below: its failure is heard even when finishing the pool throws first
    const ingested = { read, columns: profilers.map((p) => p.finish()), pool: pool.finish() };
    await written;
    return ingested;
  } catch (err) {
    await (writer as ColumnFileWriter | null)?.abort();
    throw err;
  }
}

/**
 * A generated CSV of every common kind of column: ids, dates, categories with blanks, decimals with gaps,
 * counts, quoted text. Its 20,000 rows take the paths a large upload takes: the id column turns to texts
 * (csv/columnChunker.ts), and the sample pool's uniform reservoir fills and then replaces rows.
 */
export async function* warmUpCsv(rows = 20_000): AsyncGenerator<Buffer> {
  const regions = ['north', 'south', 'east', 'west', ''];
  const block = 4000;
  for (let start = 0; start < rows; start += block) {
    const lines = start === 0 ? ['id,when,region,amount,count,note'] : [];
    for (let i = start; i < Math.min(rows, start + block); i++) {
      const note = i % 7 === 0 ? `"a ""quoted"", note ${i % 97}"` : i % 5 === 0 ? '' : `plain ${i % 89}`;
      const amount = i % 11 === 0 ? '' : `${(i * 37) % 10007}.${i % 100}`;
      lines.push(`r${i},2024-0${1 + (i % 9)}-${10 + (i % 19)},${regions[i % 5]},${amount},${i % 13},${note}`);
    }
    yield Buffer.from(`${lines.join('\n')}\n`);
  }
}

/**
 * The upload path run on a generated file (its parsing on the parsing thread): the dataset, its files in
 * `dir` until removed. Its code, in this thread and that one, is then compiled before the first upload: a
 * fresh process read its first large file at half speed.
 */
export async function warmUpDataset(dir: string, id: string): Promise<{ dataset: DatasetRef; remove(): Promise<void> }> {
  const dataset = await ingestInto(warmUpCsv(), 'warm-up.csv', dir, id, { parser: 'thread', csvCopy: true });
  return { dataset, remove: () => removeAll([dataset.columnsPath, dataset.poolPath, dataset.path]) };
}

/** A CSV on this host made a dataset without a server (scripts, tests): its pool and columns files are written into `dir`. */
export function ingestLocalCsv(path: string, dir: string, id = 'local'): Promise<DatasetRef> {
  return ingestInto(createReadStream(path), path, dir, id);
}

async function ingestInto(
  source: AsyncIterable<Uint8Array>,
  name: string,
  dir: string,
  id: string,
  options: { parser?: IngestOptions['parser']; csvCopy?: boolean } = {},
): Promise<DatasetRef> {
  const columnsPath = join(dir, `${id}.columns`);
  const poolPath = join(dir, `${id}.pool.json`);
  const copy = options.csvCopy ? join(dir, `${id}.csv`) : undefined;
  const files = [columnsPath, poolPath, ...(copy ? [copy] : [])];
  await removeAll(files);
  try {
    const { read, columns, pool } = await ingestCsv(source, { maxBytes: Number.POSITIVE_INFINITY, columnsFile: columnsPath, destination: copy, parser: options.parser });
    await writeFile(poolPath, JSON.stringify(pool));
    return { id, name, path: copy ?? name, poolPath, columnsPath, sha256: read.sha256, rowCount: read.rowCount, columns };
  } catch (err) {
    await removeAll(files);
    throw err;
  }
}

async function removeAll(files: string[]) {
  await Promise.all(files.map((f) => rm(f, { force: true })));
}
