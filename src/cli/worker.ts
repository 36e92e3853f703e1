/**
 * A worker thread of `oncolex annotate --jobs N` (bundled as dist/cli-worker.js): it builds the lexicon
 * and matcher once, then annotates the passages the main thread sends, in batches, and sends back plain
 * results. Reading, ordering and writing stay in the main thread (src/cli/pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { annotateFile } from './annotate';
import { lexiconWith } from './lexiconOption';
import type { PoolBatch, PoolReply, PoolSetup } from './pool';
import { batchTasks, packResults } from './pool';

const setup = workerData as PoolSetup;

// Messages that arrive while the lexicon loads wait in the port until the listener is added.
void lexiconWith(setup.lexiconFile).then((lexicon) => {
  parentPort?.on('message', (batch: PoolBatch) => {
    let reply: PoolReply;
    try {
      const results = packResults(batchTasks(batch).map((tasks) => tasks.map((t) => annotateFile(t.text, t.language, lexicon, setup.options))));
      parentPort?.postMessage({ id: batch.id, results } satisfies PoolReply, [results.mentions.buffer as ArrayBuffer]);
      return;
    } catch (e) {
      reply = { id: batch.id, error: (e as Error).message };
    }
    parentPort?.postMessage(reply);
  });
});
