import type { TextSink } from '../io';
import type { BiocCollectionInfo } from './biocRead';
import type { AnnotatedDoc } from './model';

/** One output format: what opens the output, each document in input order, what closes it. */
export interface FormatWriter {
  begin(): void;
  doc(doc: AnnotatedDoc): void;
  end(): void;
}

/** What a writer may need beside its output. */
export interface WriterContext {
  out: TextSink;
  /** Collection-level fields read from BioC input (source, date, key, infons, and the input's own form of them). */
  collection?: BiocCollectionInfo;
  /** `--out-dir`: where formats of one output file per input (brat) write them. */
  outDir?: string;
  /** `--force`: files in `outDir` may be replaced (never without it). */
  force?: boolean;
}

/** A field written on one line of a line-based format: tabs and line breaks become spaces (offsets are unchanged). */
export function oneLine(text: string): string {
  return /[\t\n\r]/.test(text) ? text.replace(/[\t\n\r]/g, ' ') : text;
}
