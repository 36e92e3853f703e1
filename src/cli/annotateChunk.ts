/**
 * One piece of a streamed input (PubTator or JSON Lines, src/cli/formats/chunks.ts) read, annotated and
 * written — the whole per-document work of those formats, done by the main thread or a worker thread alike,
 * so `--jobs N` writes the bytes `--jobs 1` writes.
 */
import type { AnnotationOptions } from '../core/matching/documentAnnotation';
import type { Entry, Lexicon } from '../core/lexicon/lexicon';
import { annotateFile } from './annotate';
import type { InputChunk } from './formats/chunks';
import { chunkLines, chunkRawLines, invalidUtf8Lines } from './formats/chunks';
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
    // Whatever fails for one document (its annotation, or its output: the writers add a document in one
    // piece, so nothing of it is half-written) is that document's problem only.
    try {
      const results = annotationTasks(d).map((t) => annotateFile(t.text, t.language, lexicon, setup.options));
      writer.doc(annotatedDoc(d, results, setup.offsets, byId));
    } catch (e) {
      problem(`${d.file}: document ${d.id}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  // Lines that are not UTF-8 are reported and their records skipped: read with U+FFFD in place of the bad
  // bytes, they would be annotated (and their offsets counted) on text that is not the input's.
  const invalid = new Set(invalidUtf8Lines(chunk));
  const notUtf8 = (i: number) => problem(`${chunk.file}:${chunk.firstLine + i}: is not valid UTF-8 text${setup.format === 'pubtator' ? ' (its document is skipped)' : ''}`);
  if (setup.format === 'pubtator') {
    const lines = chunkRawLines(chunk);
    const reader = new PubTatorReader(chunk.file, problem);
    for (let i = 0; i < lines.length; i++) {
      if (!invalid.has(i)) {
        write(reader.line(lines[i], chunk.firstLine + i));
        continue;
      }
      notUtf8(i);
      write(reader.line(lines[i], chunk.firstLine + i));
      reader.skipDocument();
    }
    write(reader.finish());
  } else {
    const lines = chunkLines(chunk);
    for (let i = 0; i < lines.length; i++) {
      if (invalid.has(i)) notUtf8(i);
      else write(jsonLineDoc(lines[i], chunk.firstLine + i, chunk.file, problem));
    }
  }
  return { bytes: ctx.out.bytes(), problems };
}
