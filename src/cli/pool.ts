/**
 * `--jobs N`: annotation spread over worker threads. The main thread reads and writes; workers only
 * annotate (src/cli/worker.ts). Callers await results in input order, so the output is the same bytes
 * whatever N is. With one job, passages are annotated in the main thread, without a worker.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnnotationOptions } from '../core/documentAnnotation';
import type { Lexicon } from '../core/lexicon';
import type { FileAnnotation } from './annotate';
import { annotateFile } from './annotate';

export interface PoolTask {
  text: string;
  /** A file name whose extension decides Markdown, LaTeX or plain text. */
  language: string;
}

export interface PoolSetup {
  lexiconFile?: string;
  options: AnnotationOptions;
}

/** Several documents' passages per message: one message per abstract would cost more than annotating it. */
export interface PoolBatch {
  id: number;
  docs: PoolTask[][];
}

export type PoolReply = { id: number; results: FileAnnotation[][]; error?: undefined } | { id: number; error: string };

/** The most documents sent in one message. */
const BATCH = 64;

interface Waiting {
  resolve: (r: FileAnnotation[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: number;
}

/** The worker's script: dist/cli-worker.js beside the bundle, or the TypeScript source when run by tsx. */
function startWorker(setup: PoolSetup): Worker {
  const bundled = path.join(__dirname, 'cli-worker.js');
  if (fs.existsSync(bundled)) return new Worker(bundled, { workerData: setup });
  const source = path.join(__dirname, 'worker.ts');
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, { eval: true, workerData: setup });
}

export class AnnotationPool {
  private readonly slots: Slot[] = [];
  private readonly waiting = new Map<number, { docs: Waiting[]; slot: Slot }>();
  private next = 0;
  private batch: { tasks: PoolTask[][]; waiting: Waiting[] } = { tasks: [], waiting: [] };
  private scheduled = false;

  constructor(
    private readonly jobs: number,
    private readonly setup: PoolSetup,
    private readonly lexicon: Lexicon,
  ) {}

  /** Annotates the passages of one document (resolved in any order; callers keep their own order). */
  annotate(tasks: PoolTask[]): Promise<FileAnnotation[]> {
    if (this.jobs <= 1) {
      try {
        return Promise.resolve(tasks.map((t) => annotateFile(t.text, t.language, this.lexicon, this.setup.options)));
      } catch (e) {
        return Promise.reject(e as Error);
      }
    }
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
    const slot = this.slotFor();
    const id = this.next++;
    slot.pending++;
    this.waiting.set(id, { docs: waiting, slot });
    slot.worker.postMessage({ id, docs: tasks } satisfies PoolBatch);
  }

  /** The least busy worker; a new one while fewer than `jobs` run and all are busy (so one small file starts one worker). */
  private slotFor(): Slot {
    let best: Slot | undefined;
    for (const s of this.slots) if (!best || s.pending < best.pending) best = s;
    if (best && (best.pending === 0 || this.slots.length >= this.jobs)) return best;
    const worker = startWorker(this.setup);
    const slot: Slot = { worker, pending: 0 };
    worker.on('message', (reply: PoolReply) => {
      const w = this.waiting.get(reply.id);
      if (!w) return;
      this.waiting.delete(reply.id);
      w.slot.pending--;
      if (reply.error !== undefined) for (const d of w.docs) d.reject(new Error(reply.error));
      else reply.results.forEach((r, i) => w.docs[i].resolve(r));
    });
    worker.on('error', (e) => this.failAll(slot, e));
    worker.on('exit', (code) => this.failAll(slot, new Error(`a worker thread stopped (exit code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private failAll(slot: Slot, e: Error): void {
    for (const [id, w] of this.waiting) {
      if (w.slot !== slot) continue;
      this.waiting.delete(id);
      for (const d of w.docs) d.reject(e);
    }
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
