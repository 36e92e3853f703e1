/**
 * `oncolex annotate` for the streamed formats (PubTator, JSON Lines). The main thread cuts the input into
 * pieces of raw bytes between documents (src/cli/formats/chunks.ts) and writes the pieces' output bytes in
 * input order; each piece is decoded, parsed, annotated, written and encoded in one go
 * (src/cli/annotateChunk.ts) — by the main thread itself, or by one of `--jobs N` − 1 worker threads while
 * those have room. So with two jobs on two cores, both cores annotate, and the main thread's own share of
 * the work shrinks to what it has time for between cutting and writing. A small input is annotated in the
 * main thread alone: workers start from the second piece — or at once for a large file
 * ({@link StreamWorkers.prestart}), so the first boots while the main thread loads the lexicon.
 */
import type { Entry, Lexicon } from '../core/lexicon/lexicon';
import type { ChunkResult, StreamSetup } from './annotateChunk';
import { annotateChunk } from './annotateChunk';
import type { InputChunk } from './formats/chunks';
import { readChunks } from './formats/chunks';
import { isJsonLinesCut } from './formats/jsonl';
import { isPubTatorCut } from './formats/pubtator';
import type { CliIo } from './io';
import { InputFileError } from './io';
import type { ChunkJob, PoolSetup, Slot } from './pool';
import { closeSlots, startSlot } from './pool';

/** Pieces a worker holds at most (the one it annotates and the next), so none waits for a message. */
const DEPTH = 2;

/**
 * Up to `size` worker threads, started as pieces come; each takes at most {@link DEPTH} pieces at a time.
 * A worker without work does not keep the process alive (so one started early cannot hold it open).
 */
export class StreamWorkers {
  private readonly slots: Slot[] = [];
  private readonly waiting = new Map<number, { resolve: (r: ChunkResult) => void; reject: (e: Error) => void; slot: Slot }>();
  private next = 0;

  constructor(
    readonly size: number,
    private readonly setup: PoolSetup,
  ) {}

  /** A worker with room for another piece (the least busy; a new one while fewer than `size` run and all are busy), else undefined. */
  take(): Slot | undefined {
    let best: Slot | undefined;
    for (const s of this.slots) if (!best || s.pending < best.pending) best = s;
    if (best && best.pending === 0) return best;
    if (this.slots.length < this.size) return this.start();
    return best && best.pending < DEPTH ? best : undefined;
  }

  /** Starts the first worker now. */
  prestart(): void {
    if (this.slots.length === 0 && this.size > 0) this.start();
  }

  run(slot: Slot, chunk: InputChunk): Promise<ChunkResult> {
    return new Promise((resolve, reject) => {
      const id = this.next++;
      if (slot.pending++ === 0) slot.worker.ref();
      this.waiting.set(id, { resolve, reject, slot });
      // A copy of the piece's bytes in a buffer of its own, handed over rather than cloned.
      const bytes = new Uint8Array(chunk.bytes);
      const job: ChunkJob = { id, chunk: { ...chunk, bytes } };
      slot.worker.postMessage(job, [bytes.buffer]);
    });
  }

  private start(): Slot {
    const slot = startSlot(
      this.setup,
      this.slots,
      this.waiting,
      (w, reply) => {
        if (--w.slot.pending === 0) w.slot.worker.unref();
        if (reply.chunk) w.resolve(reply.chunk);
        else w.reject(new Error(reply.error ?? 'a worker thread gave no result'));
      },
      (w, e) => w.reject(e),
    );
    slot.worker.unref();
    return slot;
  }

  close(): Promise<void> {
    return closeSlots(this.slots);
  }
}

const NOTHING = new Uint8Array(0);

/**
 * The workers of `--jobs N` for a stream: N − 1, since the main thread annotates too.
 * @param workspaceLexicon the lexicon when it is not the built-in one (workers get a copy; otherwise they load the built-in one themselves)
 */
export function streamWorkers(jobs: number, setup: StreamSetup, workspaceLexicon: Lexicon | undefined): StreamWorkers | undefined {
  return jobs > 1 ? new StreamWorkers(jobs - 1, { lexicon: workspaceLexicon, options: setup.options, stream: setup }) : undefined;
}

/**
 * Annotates `files` (stdin for `-`) in a streamed format with `workers` beside the main thread, writes the
 * result through `io` in input order and closes the workers; returns how many problems were reported (one
 * line each on `io.err`).
 */
export async function annotateStreamed(files: string[], io: CliIo, setup: StreamSetup, lexicon: Lexicon, byId: ReadonlyMap<string, Entry>, workers: StreamWorkers | undefined): Promise<number> {
  const isCut = setup.format === 'pubtator' ? isPubTatorCut : isJsonLinesCut;
  const write = io.write ?? ((bytes: Uint8Array) => io.out(new TextDecoder().decode(bytes)));
  // Pieces in input order; the settled ones at the head are written at once. At most `window` wait.
  const queue: { result?: ChunkResult; settled: Promise<void> }[] = [];
  const window = 4 * (workers?.size ?? 0) + 8;
  let failures = 0;
  const flush = () => {
    while (queue.length > 0 && queue[0].result) {
      const { bytes, problems } = queue.shift()!.result!;
      for (const p of problems) io.err(`oncolex: ${p}\n`);
      failures += problems.length;
      if (bytes.length > 0) write(bytes);
    }
  };
  const add = (result: ChunkResult | Promise<ChunkResult>) => {
    const entry: (typeof queue)[number] = { settled: Promise.resolve() };
    queue.push(entry);
    if (result instanceof Promise) {
      entry.settled = result.then((r) => {
        entry.result = r;
        flush();
      });
    } else {
      entry.result = result;
      flush();
    }
  };
  let first = true;
  try {
    for (const file of files) {
      try {
        for await (const chunk of readChunks(file, io, isCut)) {
          if (chunk.problem !== undefined) {
            add({ bytes: NOTHING, problems: [chunk.problem] });
            continue;
          }
          const slot = first ? undefined : workers?.take();
          first = false;
          if (slot) {
            add(workers!.run(slot, chunk).catch((e: Error): ChunkResult => ({ bytes: NOTHING, problems: [`${chunk.file}:${chunk.firstLine}: ${e.message}`] })));
          } else {
            add(annotateChunk(chunk, setup, lexicon, byId));
            // Let the workers' replies in (and hand them more) before annotating another piece here.
            if (workers) await new Promise((resolve) => setImmediate(resolve));
          }
          while (queue.length >= window) await queue[0].settled;
          // Output that a slower reader (a pipe) has not taken yet is waited for rather than piled up in memory.
          await io.drain?.();
        }
      } catch (e) {
        if (!(e instanceof InputFileError)) throw e;
        add({ bytes: NOTHING, problems: [e.message] });
      }
    }
    while (queue.length > 0) await queue[0].settled;
  } finally {
    await workers?.close();
  }
  return failures;
}
