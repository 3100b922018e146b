// The parsing thread (chunkParser.ts): for each file, bytes in, chunks of rows out, in the order sent.
import { createHash, type Hash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { InputError } from '../../errors';
import { movable, type FromParser, type ToParser } from './chunkParser';
import { ColumnChunker, type CsvChunk } from './columnChunker';

const port = parentPort!;
/** Each file being parsed; null once it has failed or ended (what is still in flight for it is dropped until it is closed). */
const files = new Map<number, { chunker: ColumnChunker; hash: Hash; shared: Uint8Array | null } | null>();

port.on('message', (message: ToParser) => {
  const { file } = message;
  if ('close' in message) {
    files.get(file)?.chunker.close();
    files.delete(file);
    return;
  }
  let parser = files.get(file);
  if (parser === null) return;
  if (!parser) files.set(file, (parser = { chunker: new ColumnChunker(), hash: createHash('sha256'), shared: null }));
  const { chunker, hash } = parser;
  try {
    if ('shared' in message) parser.shared = new Uint8Array(message.shared);
    else if ('span' in message) {
      // The chunker copies what it is given: the span may be written again once this returns.
      const { at, length } = message.span;
      const bytes = parser.shared!.subarray(at, at + length);
      hash.update(bytes);
      chunker.write(bytes);
      send({ file, consumed: length, released: length, header: chunker.header, chunks: [] }, chunker.take());
    } else if ('bytes' in message) {
      hash.update(message.bytes);
      chunker.write(message.bytes);
      send({ file, consumed: message.bytes.byteLength, released: 0, header: chunker.header, chunks: [] }, chunker.take());
    } else {
      const { header, rowCount } = chunker.end();
      files.set(file, null);
      send({ file, consumed: 0, released: 0, header, rowCount, sha256: hash.digest('hex'), chunks: [], done: true }, chunker.take());
    }
  } catch (err) {
    files.set(file, null);
    const input = err instanceof InputError;
    send({ file, error: { message: err instanceof Error ? err.message : String(err), details: input ? err.details : undefined, input } }, []);
  }
});

function send(message: FromParser, chunks: CsvChunk[]) {
  const transfer: ArrayBuffer[] = [];
  if ('chunks' in message) {
    for (const chunk of chunks) {
      const moved = movable(chunk);
      message.chunks.push(moved.chunk);
      transfer.push(...moved.transfer);
    }
  }
  port.postMessage(message, transfer);
}
