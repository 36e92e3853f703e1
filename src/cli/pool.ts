/**
 * `--jobs N`: annotation spread over worker threads. The main thread reads and writes; workers only
 * annotate (src/cli/worker.ts). Callers await results in input order, so the output is the same bytes
 * whatever N is. With one job, passages are annotated in the main thread, without a worker.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnnotationOptions } from '../core/matching/documentAnnotation';
import type { Lexicon } from '../core/lexicon/lexicon';
import type { FileAnnotation } from './annotate';
import { annotateFile } from './annotate';
import type { ChunkResult, StreamSetup } from './annotateChunk';
import type { InputChunk } from './formats/chunks';

export interface PoolTask {
  text: string;
  /** A file name whose extension decides Markdown, LaTeX or plain text. */
  language: string;
}

export interface PoolSetup {
  /** A workspace lexicon (`--lexicon`), as the main thread built it; without it, workers load the built-in one. */
  lexicon?: Lexicon;
  options: AnnotationOptions;
  /** For the streamed formats: how pieces of input are annotated (src/cli/streamed.ts). */
  stream?: StreamSetup;
}

/**
 * Several documents' passages per message: one message per abstract would cost more than annotating it.
 * The texts travel as one UTF-8 buffer, transferred rather than copied (cloning many strings cost more
 * than annotating them), with each passage's length in UTF-16 units and its language.
 */
export interface PoolBatch {
  id: number;
  bytes: Uint8Array;
  /** Per document, per passage: [UTF-16 length, language]. */
  docs: [number, string][][];
}

/** A piece of a streamed input for a worker to annotate whole (src/cli/annotateChunk.ts). */
export interface ChunkJob {
  id: number;
  chunk: InputChunk;
}

/** The passages of a batch, as the worker reads them back. */
export function batchTasks(batch: PoolBatch): PoolTask[][] {
  const all = new TextDecoder().decode(batch.bytes);
  let at = 0;
  return batch.docs.map((d) =>
    d.map(([length, language]) => {
      const text = all.slice(at, at + length);
      at += length;
      return { text, language };
    }),
  );
}

export type PoolReply =
  | { id: number; results: PackedResults; chunk?: undefined; error?: undefined }
  | { id: number; chunk: ChunkResult; results?: undefined; error?: undefined }
  | { id: number; error: string; results?: undefined; chunk?: undefined };

/**
 * A batch's results as they cross threads: mentions as four integers each (start, end, index of the id, index
 * of the category in `strings`) in one typed array, copied in one block, rather than thousands of small
 * objects, whose structured cloning cost more than annotating. Mention texts are sliced again from the
 * passages the main thread still has; the rare abbreviations and definitions travel as they are.
 */
export interface PackedResults {
  strings: string[];
  mentions: Int32Array;
  /** Per passage, in order: how many mentions, its abbreviations and definitions. */
  passages: { count: number; abbreviations: FileAnnotation['abbreviations']; definitions: FileAnnotation['definitions'] }[];
}

export function packResults(results: FileAnnotation[][]): PackedResults {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const intern = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  let n = 0;
  for (const doc of results) for (const r of doc) n += r.mentions.length;
  const mentions = new Int32Array(n * 4);
  let k = 0;
  const passages: PackedResults['passages'] = [];
  for (const doc of results) {
    for (const r of doc) {
      for (const m of r.mentions) {
        mentions[k++] = m.start;
        mentions[k++] = m.end;
        mentions[k++] = intern(m.id);
        mentions[k++] = intern(m.category);
      }
      passages.push({ count: r.mentions.length, abbreviations: r.abbreviations, definitions: r.definitions });
    }
  }
  return { strings, mentions, passages };
}

function unpackResults(packed: PackedResults, docs: PoolTask[][]): FileAnnotation[][] {
  let p = 0;
  let k = 0;
  return docs.map((tasks) =>
    tasks.map((task) => {
      const { count, abbreviations, definitions } = packed.passages[p++];
      const mentions: FileAnnotation['mentions'] = new Array(count);
      for (let j = 0; j < count; j++, k += 4) {
        const start = packed.mentions[k];
        const end = packed.mentions[k + 1];
        mentions[j] = { start, end, text: task.text.slice(start, end), id: packed.strings[packed.mentions[k + 2]], category: packed.strings[packed.mentions[k + 3]] };
      }
      return { mentions, abbreviations, definitions };
    }),
  );
}

/** The most documents sent in one message. */
const BATCH = 64;

interface Waiting {
  resolve: (r: FileAnnotation[]) => void;
  reject: (e: Error) => void;
}

/** A pool's worker and how many requests it holds. */
export interface Slot {
  worker: Worker;
  pending: number;
}

/** The worker's script: dist/cli-worker.js beside the bundle, or the TypeScript source when run by tsx. */
export function startWorker(setup: PoolSetup): Worker {
  const bundled = path.join(__dirname, 'cli-worker.js');
  if (fs.existsSync(bundled)) return new Worker(bundled, { workerData: setup });
  const source = path.join(__dirname, 'worker.ts');
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, { eval: true, workerData: setup });
}

/**
 * Starts a worker for a pool and adds its slot to `slots`. A reply goes to `onReply` with the request it
 * answers (taken out of `waiting`); when the worker fails or stops, every request waiting on it goes to
 * `onFail` and the slot leaves `slots`.
 */
export function startSlot<W extends { slot: Slot }>(
  setup: PoolSetup,
  slots: Slot[],
  waiting: Map<number, W>,
  onReply: (w: W, reply: PoolReply) => void,
  onFail: (w: W, e: Error) => void,
): Slot {
  const slot: Slot = { worker: startWorker(setup), pending: 0 };
  const fail = (e: Error) => {
    for (const [id, w] of waiting) {
      if (w.slot !== slot) continue;
      waiting.delete(id);
      onFail(w, e);
    }
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
  };
  slot.worker.on('message', (reply: PoolReply) => {
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    onReply(w, reply);
  });
  slot.worker.on('error', fail);
  slot.worker.on('exit', (code) => fail(new Error(`a worker thread stopped (exit code ${code})`)));
  slots.push(slot);
  return slot;
}

/** Stops a pool's workers. */
export async function closeSlots(slots: Slot[]): Promise<void> {
  await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
}

export class AnnotationPool {
  private readonly slots: Slot[] = [];
  private readonly waiting = new Map<number, { docs: Waiting[]; tasks: PoolTask[][]; slot: Slot }>();
  private next = 0;
  private batch: { tasks: PoolTask[][]; waiting: Waiting[] } = { tasks: [], waiting: [] };
  private scheduled = false;
  /** Set by {@link close}: no worker starts after it (one would keep the process alive), and nothing more is accepted. */
  private closed = false;

  constructor(
    private readonly jobs: number,
    private readonly setup: PoolSetup,
    private readonly lexicon: Lexicon,
  ) {}

  /** Annotates the passages of one document (resolved in any order; callers keep their own order). */
  annotate(tasks: PoolTask[]): Promise<FileAnnotation[]> {
    if (this.closed) return Promise.reject(new Error('the annotation pool is closed'));
    if (this.jobs <= 1) {
      try {
        return Promise.resolve(tasks.map((t) => annotateFile(t.text, t.language, this.lexicon, this.setup.options)));
      } catch (e) {
        return Promise.reject(e as Error);
      }
    }
    return this.submit(tasks);
  }

  private submit(tasks: PoolTask[]): Promise<FileAnnotation[]> {
    // Documents submitted in the same turn of the event loop (a chunk of input) go in one message.
    return new Promise((resolve, reject) => {
      this.batch.tasks.push(tasks);
      this.batch.waiting.push({ resolve, reject });
      if (this.batch.tasks.length >= BATCH) this.send();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.send());
      }
    });
  }

  private send(): void {
    this.scheduled = false;
    const { tasks, waiting } = this.batch;
    if (tasks.length === 0) return;
    this.batch = { tasks: [], waiting: [] };
    if (this.closed) {
      for (const w of waiting) w.reject(new Error('the annotation pool is closed'));
      return;
    }
    const slot = this.slotFor();
    const id = this.next++;
    slot.pending++;
    this.waiting.set(id, { docs: waiting, tasks, slot });
    // A lone surrogate becomes U+FFFD on the way, one UTF-16 unit for one, so the lengths still split the text.
    const bytes = new TextEncoder().encode(tasks.map((d) => d.map((t) => t.text).join('')).join(''));
    const message: PoolBatch = { id, bytes, docs: tasks.map((d) => d.map((t): [number, string] => [t.text.length, t.language])) };
    slot.worker.postMessage(message, [bytes.buffer as ArrayBuffer]);
  }

  /** The least busy worker; a new one while fewer than `jobs` run and all are busy (so one small file starts one worker). */
  private slotFor(): Slot {
    let best: Slot | undefined;
    for (const s of this.slots) if (!best || s.pending < best.pending) best = s;
    if (best && (best.pending === 0 || this.slots.length >= this.jobs)) return best;
    return startSlot(
      this.setup,
      this.slots,
      this.waiting,
      (w, reply) => {
        w.slot.pending--;
        if (reply.results) unpackResults(reply.results, w.tasks).forEach((r, i) => w.docs[i].resolve(r));
        else for (const d of w.docs) d.reject(new Error(reply.error ?? 'a worker thread gave no result'));
      },
      (w, e) => {
        for (const d of w.docs) d.reject(e);
      },
    );
  }

  /** Stops the workers; what is still queued or in flight is rejected, so every caller's promise settles. */
  close(): Promise<void> {
    this.closed = true;
    this.send();
    return closeSlots(this.slots);
  }
}
