/**
 * The checksum of a matcher tables file (src/core/matching/matcherTables.ts writes it at build time and checks it
 * before the tables are used). Here rather than in TypeScript because a cold start checks 1.7 MB with it:
 * WebAssembly runs it at full speed at once, where JavaScript would first spend milliseconds interpreted.
 */

/**
 * FNV-1a over the 64-bit words of memory[at, at + 8 * words), in two lanes (even and odd words), the odd
 * lane turned by 32 bits and folded into the even one. Each step of a lane is a bijection of its state (the
 * multiplier is odd), so a change to any one word always changes the result.
 */
export function checksum(at: usize, words: i32): u64 {
  let a: u64 = 0xcbf29ce484222325;
  let b: u64 = 0x84222325cbf29ce4;
  const end = at + (<usize>words << 3);
  let p = at;
  for (; p + 16 <= end; p += 16) {
    a = (a ^ load<u64>(p)) * 0x100000001b3;
    b = (b ^ load<u64>(p, 8)) * 0x100000001b3;
  }
  if (p < end) a = (a ^ load<u64>(p)) * 0x100000001b3;
  return a ^ ((b << 32) | (b >>> 32));
}
