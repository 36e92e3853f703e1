/**
 * One piece of a streamed input (PubTator or JSON Lines, src/cli/formats/chunks.ts) read, annotated and
 * written — the whole per-document work of those formats, done by the main thread or a worker thread alike,
 * so `--jobs N` writes the bytes `--jobs 1` writes.
 */
import type { AnnotationOptions } from '../core/documentAnnotation';
import type { Entry, Lexicon } from '../core/lexicon';
import { annotateFile } from './annotate';
import type { InputChunk } from './formats/chunks';
import { chunkLines, chunkRawLines } from './formats/chunks';
import { jsonLineDoc, jsonlWriter } from './formats/jsonl';
import type { SourceDoc } from './formats/model';
import { annotatedDoc, annotationTasks } from './formats/model';
import type { OffsetUnit } from './formats/offsets';
import { PubTatorReader, pubtatorWriter } from './formats/pubtator';
import { Utf8Sink } from './io';

export interface StreamSetup {
  format: 'pubtator' | 'jsonl';
  offsets: OffsetUnit;
  options: AnnotationOptions;
}

export interface ChunkResult {
  /** The piece's output, UTF-8. */
  bytes: Uint8Array;
  /** One-line messages (file and line, or file and document) for what could not be read or annotated. */
  problems: string[];
}

export function annotateChunk(chunk: InputChunk, setup: StreamSetup, lexicon: Lexicon, byId: ReadonlyMap<string, Entry>): ChunkResult {
  const problems: string[] = [];
  const problem = (message: string) => problems.push(message);
  const ctx = { out: new Utf8Sink() };
  const writer = setup.format === 'pubtator' ? pubtatorWriter(ctx) : jsonlWriter(ctx);
  const write = (d: SourceDoc | undefined) => {
    if (!d) return;
    let results;
    try {
      results = annotationTasks(d).map((t) => annotateFile(t.text, t.language, lexicon, setup.options));
    } catch (e) {
      problem(`${d.file}: document ${d.id}: ${(e as Error).message}`);
      return;
    }
    writer.doc(annotatedDoc(d, results, setup.offsets, byId));
  };
  if (setup.format === 'pubtator') {
    const lines = chunkRawLines(chunk);
    const reader = new PubTatorReader(chunk.file, problem);
    for (let i = 0; i < lines.length; i++) write(reader.line(lines[i], chunk.firstLine + i));
    write(reader.finish());
  } else {
    const lines = chunkLines(chunk);
    for (let i = 0; i < lines.length; i++) write(jsonLineDoc(lines[i], chunk.firstLine + i, chunk.file, problem));
  }
  return { bytes: ctx.out.bytes(), problems };
}
