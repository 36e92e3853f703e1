/**
 * The matcher's WebAssembly kernel (assembly/, compiled into kernelWasm.ts): its exports, and new instances
 * of it. The module is compiled once, by whichever comes first: a tables file's checksum or the first
 * matcher.
 */
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

/** Where data to checksum is copied in a kernel's memory (above the kernel's own areas). */
const CHECKSUM_AT = 65536;

/**
 * The kernel's checksum (assembly/checksum.ts) of `bytes` (a whole number of 8-byte words), as two 32-bit
 * numbers: low half, high half. Uses an instance of its own, dropped after.
 */
export function kernelChecksum(bytes: Uint8Array): [number, number] {
  const k = newKernel();
  const pages = Math.ceil((CHECKSUM_AT + bytes.byteLength) / 65536) - k.memory.buffer.byteLength / 65536;
  if (pages > 0) k.memory.grow(pages);
  new Uint8Array(k.memory.buffer, CHECKSUM_AT, bytes.byteLength).set(bytes);
  const h = k.checksum(CHECKSUM_AT, bytes.byteLength >> 3);
  return [Number(BigInt.asIntN(32, h)), Number(BigInt.asIntN(32, h >> 32n))];
}
