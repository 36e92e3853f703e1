/**
 * The matcher's hot loops, compiled to WebAssembly (AssemblyScript; `npm run build:wasm` writes
 * src/core/matching/kernelWasm.ts). src/core/matching/matcher.ts builds the trie and its tables, lays them out in this
 * module's memory (it writes the header read by `init`) and calls `scanMarkdown`, `scanLatex` or, for
 * plain text, `scan`. A document is read once: the region scan skips code, math, comments and the like,
 * and in the plain text between them words are hashed as they are read; a walk starts only at a word that
 * is the first word of some form (or at a CJK character or symbol that starts a form).
 *
 * By responsibility, each file importing only those above it (test/unit/kernelContract.test.ts checks it):
 * - contract.ts: what the TypeScript side shares with the kernel (header slots, memory layout, class bits,
 *   trie and pattern flags, LaTeX name kinds), imported by both sides;
 * - text.ts: the header's tables, the text, character classes, searches and paragraphs;
 * - markup.ts: markup that stands for a character of a term (`$^+$`, `$\gamma$`);
 * - output.ts: the mention and skipped-range areas and their hand-over;
 * - walk.ts: the word scan and the trie walk, which stop at any character where the language's constructs
 *   may begin (the region scan above decides what it is);
 * - regions.ts: what both region scans share, and why they stay linear;
 * - markdown.ts, latex.ts: the region scans, each with its rules at its top;
 * - checksum.ts, tableCheck.ts (beside text.ts): the checksum of a built tables file, and the bounds of its
 *   body (so that no tables file can make the kernel trap or loop).
 */

export { decodeUtf8, init, setText } from './text';
export { scan } from './walk';
export { scanMarkdown } from './markdown';
export { scanLatex } from './latex';
export { checksum } from './checksum';
export { checkTables } from './tableCheck';
// The contract's constants, exported so that a test can compare the compiled kernel's with TypeScript's.
export * from './contract';
