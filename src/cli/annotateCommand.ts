/**
 * `oncolex annotate`: reads documents in the input format the output format implies (files; PubTator;
 * BioC; JSON Lines), annotates them — in worker threads with `--jobs N` — and writes them in input order
 * through one writer per format (src/cli/formats/). Inputs are read and outputs written a document at a
 * time, with at most a few documents per job in flight, so neither is held whole.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { Lexicon } from '../core/lexicon/lexicon';
import { indexById } from '../core/lexicon/lexicon';
import type { CliIo } from './io';
import { ChunkedWriter, InputFileError, parseArgs, readStdinText, readTextFile } from './io';
import { biocCostProblem } from './corpusLimits';
import { lexiconWith } from './lexiconOption';
import { outputProblem } from './outputFiles';
import { AnnotationPool } from './pool';
import { biocJsonWriter, biocXmlWriter } from './formats/bioc';
import { BiocError, biocKind, readBioc, wrapFile } from './formats/biocRead';
import { bratFiles, bratWriter } from './formats/brat';
import { jsonWriter } from './formats/json';
import { CHUNK_BYTES } from './formats/chunks';
import type { AnnotatedDoc, SourceDoc } from './formats/model';
import { annotatedDoc, annotationTasks } from './formats/model';
import type { OffsetUnit } from './formats/offsets';
import { OFFSET_UNITS } from './formats/offsets';
import { pubannotationWriter } from './formats/pubannotation';
import { readPubTator } from './formats/pubtator';
import { tableWriter } from './formats/table';
import { annotateStreamed, streamWorkers } from './streamed';
import type { FormatWriter, WriterContext } from './formats/writer';

export const ANNOTATE_FORMATS = ['json', 'table', 'jsonl', 'pubtator', 'bioc-json', 'bioc-xml', 'brat', 'pubannotation'] as const;
type Format = (typeof ANNOTATE_FORMATS)[number];

/** Formats that read stdin when no file is given: the streamed ones (src/cli/streamed.ts) and BioC (read whole). */
const STDIN_BY_DEFAULT: readonly Format[] = ['jsonl', 'pubtator', 'bioc-json', 'bioc-xml'];

/** Our JSON counts as JavaScript does; the BioNLP formats count code points, as their (Python) tools do. */
function defaultOffsets(format: Format): OffsetUnit {
  return format === 'json' || format === 'jsonl' || format === 'table' ? 'utf16' : 'codepoint';
}

/** A file of several pieces of input (src/cli/formats/chunks.ts), for which workers are worth starting at once. */
function isLargeFile(file: string): boolean {
  try {
    return file !== '-' && fs.statSync(file).size >= 4 * CHUNK_BYTES;
  } catch {
    return false;
  }
}

/** One input file as text, or undefined after reporting why it cannot be read (one line naming it). */
async function inputText(file: string, io: CliIo, problem: (message: string) => void): Promise<string | undefined> {
  try {
    return file === '-' ? await readStdinText(io) : readTextFile(file, io.maxInputBytes);
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    problem(e.message);
    return undefined;
  }
}

/** Plain files, each one document of one passage (Markdown, LaTeX or plain text by extension). */
async function* textFiles(files: string[], io: CliIo, problem: (message: string) => void, pubtator = false): AsyncGenerator<SourceDoc> {
  for (const file of files) {
    const text = await inputText(file, io, problem);
    if (text === undefined) continue;
    // PubAnnotation reads a .pubtator file as its documents (PubMed ids and all).
    if (pubtator && /\.pubtator$/i.test(file)) yield* readPubTator(text, file, problem);
    else yield { id: file, file, language: file, passages: [{ offset: 0, text }] };
  }
}

/** BioC files read as collections, other files wrapped as one document each; the first collection's source, date and key head the output. */
async function* biocFiles(files: string[], io: CliIo, ctx: WriterContext, problem: (message: string) => void): AsyncGenerator<SourceDoc> {
  // A wrapped file's document id is its name, or its path where two inputs share the name (so ids stay unique).
  const names = new Map<string, number>();
  for (const f of files) names.set(path.basename(f), (names.get(path.basename(f)) ?? 0) + 1);
  for (const file of files) {
    const text = await inputText(file, io, problem);
    if (text === undefined) continue;
    const kind = biocKind(file, text);
    if (!kind) {
      yield wrapFile(text, file, names.get(path.basename(file))! > 1 ? file : undefined);
      continue;
    }
    const tooCostly = biocCostProblem(text, file, kind, io.maxCollectionItems);
    if (tooCostly !== undefined) {
      problem(tooCostly);
      continue;
    }
    let read: ReturnType<typeof readBioc>;
    try {
      read = readBioc(text, file, kind, problem);
    } catch (e) {
      // Whatever stops a file being read (its own BiocError, or anything else) is that file's problem only.
      problem(e instanceof BiocError ? e.message : `${file}: cannot be read as BioC (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    ctx.collection ??= read.info;
    yield* read.docs;
  }
}

export async function annotateCommand(argv: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseArgs(argv, ['format', 'lexicon', 'offsets', 'jobs', 'out-dir']);
  const format = (flags.get('format') ?? 'json') as Format;
  if (!ANNOTATE_FORMATS.includes(format)) {
    io.err(`oncolex: --format must be one of ${ANNOTATE_FORMATS.join(', ')}\n`);
    return 2;
  }
  const offsets = (flags.get('offsets') ?? defaultOffsets(format)) as OffsetUnit;
  if (!OFFSET_UNITS.includes(offsets)) {
    io.err(`oncolex: --offsets must be one of ${OFFSET_UNITS.join(', ')}\n`);
    return 2;
  }
  const jobsFlag = flags.get('jobs');
  const cores = os.availableParallelism();
  // A positive decimal whole number (not `0x2`, `1e1` or nothing); more than the cores only costs memory
  // (each job loads the lexicon), so it is capped, saying so.
  if (jobsFlag !== undefined && (typeof jobsFlag !== 'string' || !/^[1-9]\d{0,5}$/.test(jobsFlag))) {
    io.err('oncolex: --jobs must be a whole number of at least 1 (such as --jobs 2)\n');
    return 2;
  }
  let jobs = jobsFlag === undefined ? cores : Number(jobsFlag);
  if (jobs > cores) {
    io.err(`oncolex: --jobs ${jobs} is more than the ${cores} cores: using ${cores}\n`);
    jobs = cores;
  }
  if (jobs > 1 && jobs >= os.availableParallelism()) optimizeLater();
  const files = positional.length === 0 && STDIN_BY_DEFAULT.includes(format) ? ['-'] : positional;
  if (files.length === 0) {
    io.err('oncolex annotate: give at least one file\n');
    return 2;
  }
  const outDir = flags.get('out-dir');
  if (format === 'brat' && typeof outDir !== 'string' && files.length > 1) {
    io.err('oncolex annotate: brat writes one .ann per file: give --out-dir DIR for several files\n');
    return 2;
  }
  const force = flags.get('force') === true;
  if (format === 'brat' && typeof outDir === 'string') {
    // Checked before anything is written, so a refused run leaves the directory as it was.
    const refused = outputProblem(files, (f) => bratFiles(outDir, f), force);
    if (refused !== undefined) {
      io.err(`oncolex annotate: ${refused}\n`);
      return 2;
    }
  }
  if (typeof outDir === 'string') fs.mkdirSync(outDir, { recursive: true });
  const lexiconFile = typeof flags.get('lexicon') === 'string' ? (flags.get('lexicon') as string) : undefined;
  const options = { includeGeneric: flags.get('include-generic') === true };
  const stream = format === 'pubtator' || format === 'jsonl' ? { format, offsets, options } : undefined;
  // A large file keeps every job busy from the start: the first worker boots (loading the built-in lexicon
  // itself) while this thread loads it. A small input or a pipe starts workers only once a second piece comes.
  let streamPool = stream && lexiconFile === undefined && files.some(isLargeFile) ? streamWorkers(jobs, stream, undefined) : undefined;
  streamPool?.prestart();
  let lexicon: Lexicon;
  try {
    lexicon = await lexiconWith(lexiconFile, (m) => io.err(`oncolex: ${m}\n`));
  } catch (e) {
    await streamPool?.close();
    throw e;
  }
  const byId = indexById(lexicon);
  let failures = 0;
  if (format === 'pubtator' || format === 'jsonl') {
    const setup = stream ?? { format, offsets, options };
    streamPool ??= streamWorkers(jobs, setup, lexiconFile === undefined ? undefined : lexicon);
    failures += await annotateStreamed(files, io, setup, lexicon, byId, streamPool);
    return failures > 0 ? 1 : 0;
  }
  const ctx: WriterContext = { out: new ChunkedWriter((t) => io.out(t), io.chunk), outDir: typeof outDir === 'string' ? outDir : undefined, force };
  // In input order: each document (settled once annotated) and each problem met while reading. Documents are
  // written, and problems reported, from the head of the queue only, so stdout and stderr are the same
  // whatever the number of jobs.
  const queue: { settled: boolean; doc?: AnnotatedDoc; message?: string; done: Promise<void> }[] = [];
  const problem = (message: string) => {
    queue.push({ settled: true, message, done: Promise.resolve() });
  };
  const docs: AsyncIterable<SourceDoc> = format === 'bioc-json' || format === 'bioc-xml' ? biocFiles(files, io, ctx, problem) : textFiles(files, io, problem, format === 'pubannotation');
  const writers: Record<Exclude<Format, 'pubtator' | 'jsonl'>, () => FormatWriter> = {
    json: () => jsonWriter(ctx),
    table: () => tableWriter(ctx, byId),
    'bioc-json': () => biocJsonWriter(ctx),
    'bioc-xml': () => biocXmlWriter(ctx),
    brat: () => bratWriter(ctx),
    pubannotation: () => pubannotationWriter(ctx),
  };
  const writer = writers[format]();

  // One document per file: more workers than files would only start up. (BioC collections hold any
  // number of documents.)
  const workers = format === 'bioc-json' || format === 'bioc-xml' ? jobs : Math.min(jobs, files.length);
  const pool = new AnnotationPool(workers, { lexicon: lexiconFile === undefined ? undefined : lexicon, options }, lexicon);
  // Documents in flight: a few batches per worker keep every worker busy, and memory stays flat.
  const window = workers * 256;
  // A document is written as soon as it and those before it are annotated, so a stream's output follows its
  // input rather than waiting for its end.
  let begun = false;
  const writeDoc = (d: AnnotatedDoc | undefined) => {
    if (!d) return;
    if (!begun) writer.begin();
    begun = true;
    try {
      writer.doc(d);
    } catch (e) {
      // A file that cannot be written (brat's .txt/.ann: no permission, a full disk, one that appeared
      // meanwhile) is that document's problem: one line, and the others are still written.
      failures++;
      io.err(`oncolex: ${d.source.file}: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  };
  // Called as each document settles: writes every settled document (and reports every problem) at the head of the queue.
  const writeSettled = () => {
    while (queue.length > 0 && queue[0].settled) {
      const { doc, message } = queue.shift()!;
      if (message === undefined) {
        writeDoc(doc);
        continue;
      }
      failures++;
      io.err(`oncolex: ${message}\n`);
    }
  };
  try {
    for await (const d of docs) {
      const entry: (typeof queue)[number] = { settled: false, done: Promise.resolve() };
      const tasks = annotationTasks(d);
      entry.done = pool
        .annotate(tasks)
        .then((results) => {
          entry.doc = annotatedDoc(d, results, offsets, byId);
        })
        .then(undefined, (e: unknown) => {
          entry.message = `${d.file}: document ${d.id}: ${e instanceof Error ? e.message : String(e)}`;
        })
        .then(() => {
          entry.settled = true;
          writeSettled();
        });
      queue.push(entry);
      writeSettled();
      if (queue.length >= window) await queue[0].done;
      // Output that a slower reader (a pipe) has not taken yet is waited for rather than piled up in memory.
      await io.drain?.();
    }
  } finally {
    // Every document in flight settles before the pool closes (closing rejects what is left, so none waits forever).
    await Promise.all(queue.map((q) => q.done));
    await pool.close();
  }
  writeSettled();
  if (!begun) writer.begin();
  writer.end();
  ctx.out.flush();
  return failures > 0 ? 1 : 0;
}

/**
 * When the jobs take every core, V8's optimizing compiler (which runs on background threads) competes with
 * them for the cores; with one job it uses an idle core. So each thread here optimizes a function only after
 * it has run about nine times as long as V8's default asks (an interrupt budget of 600 KB of bytecode instead
 * of 66 KB): only the hottest code is compiled, and the compiling no longer delays the jobs as much. Measured on 2 cores with
 * 10,000 abstracts and two jobs: 0.82–0.87 s instead of 1.00–1.04 s; one job is left as it is (it is
 * slower with this setting). The flag is the process's, so it is set before any worker starts.
 */
function optimizeLater(): void {
  v8.setFlagsFromString('--interrupt-budget=614400');
}
