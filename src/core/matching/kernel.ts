/**
 * The matcher's WebAssembly kernel (assembly/, compiled into kernelWasm.ts): its exports, and new instances
 * of it. The module is compiled once, by whichever comes first: a tables file's checksum or the first
 * matcher.
 */
import { TABLES_AT } from '../../../assembly/contract';
import { KERNEL_WASM } from './kernelWasm';

/** The kernel's exports (assembly/kernel.ts). */
export interface Kernel {
  memory: WebAssembly.Memory;
  init(): void;
  setText(at: number, length: number): void;
  decodeUtf8(from: number, length: number, to: number): number;
  scan(a: number, b: number): number;
  scanMarkdown(start: number, from: number, end: number, frontMatter: number, resume: number): number;
  scanLatex(start: number, from: number, end: number, resume: number): number;
  checksum(at: number, words: number): bigint;
  checkTables(
    nodes: number, nodeCount: number, chain: number, edges: number, edgeCount: number, dense: number, denseLength: number, outList: number,
    outLength: number, patCs: number, formCount: number, csLength: number, wordSlots: number, slotCount: number, wordPoolLength: number,
  ): number;
}

let kernelModule: WebAssembly.Module | undefined;

/** A new instance of the kernel, with its own memory (the module is compiled once). */
export function newKernel(): Kernel {
  if (!kernelModule) {
    const text = atob(KERNEL_WASM);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    kernelModule = new WebAssembly.Module(bytes);
  }
  return new WebAssembly.Instance(kernelModule, {}).exports as unknown as Kernel;
}

/**
 * A new instance of the kernel holding a copy of `bytes` (a tables file) at `at`, for the checks run over
 * them in WebAssembly (checksum, checkTables). Dropped after.
 */
export function kernelWithCopy(bytes: Uint8Array): { kernel: Kernel; at: number } {
  const kernel = newKernel();
  const at = TABLES_AT;
  const pages = Math.ceil((at + bytes.byteLength) / 65536) - kernel.memory.buffer.byteLength / 65536;
  if (pages > 0) kernel.memory.grow(pages);
  new Uint8Array(kernel.memory.buffer, at, bytes.byteLength).set(bytes);
  return { kernel, at };
}

/**
 * The kernel's checksum (assembly/checksum.ts) of memory[at, at + bytes), a whole number of 8-byte words, as
 * two 32-bit numbers: low half, high half.
 */
export function kernelChecksum(kernel: Kernel, at: number, bytes: number): [number, number] {
  const h = kernel.checksum(at, bytes >> 3);
  return [Number(BigInt.asIntN(32, h)), Number(BigInt.asIntN(32, h >> 32n))];
}
