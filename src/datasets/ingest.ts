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

export interface IngestOptions extends Pick<CsvReadOptions, 'destination' | 'maxBytes' | 'tooLarge'> {
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
    await writer!.finish(read.rowCount);
    return { read, columns: profilers.map((p) => p.finish()), pool: pool.finish() };
  } catch (err) {
    await (writer as ColumnFileWriter | null)?.abort();
    throw err;
  }
}

/** A CSV on this host made a dataset without a server (scripts, tests): its pool and columns files are written into `dir`. */
export async function ingestLocalCsv(path: string, dir: string, id = 'local'): Promise<DatasetRef> {
  const columnsPath = join(dir, `${id}.columns`);
  const poolPath = join(dir, `${id}.pool.json`);
  await rm(columnsPath, { force: true });
  const { read, columns, pool } = await ingestCsv(createReadStream(path), { maxBytes: Number.POSITIVE_INFINITY, columnsFile: columnsPath });
  await writeFile(poolPath, JSON.stringify(pool));
  return { id, name: path, path, poolPath, columnsPath, sha256: read.sha256, rowCount: read.rowCount, columns };
}
