/**
 * A worker thread of `oncolex annotate --jobs N` (bundled as dist/cli-worker.js). It loads the built-in
 * lexicon itself (or takes the workspace lexicon the main thread built, so neither the lexicon file nor the
 * inflector is loaded again here) and then annotates what the main thread sends: batches of passages, whose
 * plain results go back (src/cli/pool.ts), or whole pieces of a streamed input, whose output bytes go back
 * (src/cli/streamed.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { indexById } from '../core/lexicon/lexicon';
import { loadBuiltinLexicon } from '../node/builtin';
import { annotateFile, matcherFor } from './annotate';
import { annotateChunk } from './annotateChunk';
import type { ChunkJob, PoolBatch, PoolReply, PoolSetup } from './pool';
import { batchTasks, packResults } from './pool';

const setup = workerData as PoolSetup;
const lexicon = setup.lexicon ?? loadBuiltinLexicon();
// Built before the first message is read, while the main thread is still cutting input.
matcherFor(lexicon);
let byId: ReturnType<typeof indexById> | undefined;

parentPort?.on('message', (message: PoolBatch | ChunkJob) => {
  try {
    if ('chunk' in message) {
      const chunk = annotateChunk(message.chunk, setup.stream!, lexicon, (byId ??= indexById(lexicon)));
      parentPort?.postMessage({ id: message.id, chunk } satisfies PoolReply, [chunk.bytes.buffer as ArrayBuffer]);
      return;
    }
    const results = packResults(batchTasks(message).map((tasks) => tasks.map((t) => annotateFile(t.text, t.language, lexicon, setup.options))));
    parentPort?.postMessage({ id: message.id, results } satisfies PoolReply, [results.mentions.buffer as ArrayBuffer]);
  } catch (e) {
    // Anything may be thrown (a string, a RangeError from a deep stack): the reply always carries a message.
    parentPort?.postMessage({ id: message.id, error: e instanceof Error ? e.message : String(e) } satisfies PoolReply);
  }
});
