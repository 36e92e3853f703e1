/**
 * A worker thread of `oncolex annotate --jobs N` (bundled as dist/cli-worker.js): it builds the lexicon
 * and matcher once, then annotates the passages the main thread sends, in batches, and sends back plain
 * results. Reading, ordering and writing stay in the main thread (src/cli/pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { annotateFile } from './annotate';
import { lexiconWith } from './lexiconOption';
import { indexById } from '../core/lexicon';
import type { Lexicon } from '../core/lexicon';
import { jsonlWriter } from './formats/jsonl';
import { annotatedDoc } from './formats/model';
import { pubtatorWriter } from './formats/pubtator';
import { ChunkedWriter } from './io';
import type { PoolBatch, PoolReply, PoolSetup } from './pool';
import { batchTasks, packResults } from './pool';

const setup = workerData as PoolSetup;

// Messages that arrive while the lexicon loads wait in the port until the listener is added.
void lexiconWith(setup.lexiconFile).then((lexicon) => {
  parentPort?.on('message', (batch: PoolBatch) => {
    let reply: PoolReply;
    try {
      if (setup.render && batch.meta) {
        parentPort?.postMessage({ id: batch.id, rendered: render(batch, lexicon, setup.render) } satisfies PoolReply);
        return;
      }
      const results = packResults(batchTasks(batch).map((tasks) => tasks.map((t) => annotateFile(t.text, t.language, lexicon, setup.options))));
      parentPort?.postMessage({ id: batch.id, results } satisfies PoolReply, [results.mentions.buffer as ArrayBuffer]);
      return;
    } catch (e) {
      reply = { id: batch.id, error: (e as Error).message };
    }
    parentPort?.postMessage(reply);
  });
});

let byId: ReturnType<typeof indexById> | undefined;

/** Each document of the batch annotated and written as the main thread's writer would write it. */
function render(batch: PoolBatch, lexicon: Lexicon, how: NonNullable<PoolSetup['render']>): string[] {
  byId ??= indexById(lexicon);
  let text = '';
  const ctx = { out: new ChunkedWriter((t) => (text += t), Infinity) };
  const writer = how.format === 'pubtator' ? pubtatorWriter(ctx) : jsonlWriter(ctx);
  return batchTasks(batch).map((tasks, i) => {
    const meta = batch.meta![i];
    const whole = tasks[0].text;
    const titled = meta.titleLength !== undefined;
    const source = {
      id: meta.id,
      file: '',
      language: tasks[0].language,
      passages: tasks.map((t) => ({ offset: 0, text: t.text })),
      title: titled ? whole.slice(0, meta.titleLength) : undefined,
      abstract: titled ? whole.slice(meta.titleLength! + 1) : undefined,
    };
    const results = tasks.map((t) => annotateFile(t.text, t.language, lexicon, setup.options));
    text = '';
    writer.doc(annotatedDoc(source, results, how.offsets, byId!));
    ctx.out.flush();
    return text;
  });
}
