/**
 * The word scan and the trie walk. Plain text is read once: words are hashed as they are read, and a walk
 * starts only at a word that is the first word of some form (a bit filter, then a hash table) or at a CJK
 * character or symbol that starts a form. A walk reads at most as far as the longest form (plus the
 * whitespace and markup tokens inside it) and the scan goes on after the mention it writes, so the scan is
 * linear in the text.
 */

import { ACC_AT, NODE_CHILDREN_SHIFT, NODE_FLAGS_SHIFT, NODE_MANY_OUTPUTS, NODE_WORDS, PAT_BOUNDARY_END, PAT_CASE, WORD_BITS_WORDS, WORD_INLINE, WORD_SLOT_WORDS } from './contract';
import { markupAt, markupChar, markupLength } from './markup';
import { beginOutput, clearOutputFull, emit, finish, outFull, outputFull } from './output';
import { CHAIN, CLS_IGNORABLE, CLS_SLOW, CLS_SPACE, CLS_SPECIAL, CLS_START_ANYWHERE, CLS_WORD, CR, CS_POOL, DENSE, EDGES, FOLD_CS, IGNORABLE, NL, NODES, OUT_LIST, PAT_CS, PAT_FLAGS, ROOT, SPACE, TEXT, TEXT_LEN, WORD_BITS, WORD_MASK, WORD_POOL, WORD_SLOTS, ch, chAt, cls, clsOf, fold, foldOf, isCjk, latex, node0, nodeField, setLanguage } from './text';

/** The child of `node` by folded code unit c, or 0. */
export function child(node: i32, c: u32): i32 {
  const info = node0(node);
  const children = info >>> NODE_CHILDREN_SHIFT;
  if (children == 1) return <u32>nodeField(node, 2) == c ? node + 1 : 0;
  if (children == 0) return 0;
  const row = nodeField(node, 3);
  if (row >= 0 && c < 128) return load<i32>(DENSE + ((<usize>row + <usize>c) << 2));
  let lo = nodeField(node, 2);
  let hi = lo + <i32>children - 1;
  if (children <= 8) {
    // A few sorted edges: read them in order.
    for (let e = lo; e <= hi; e++) {
      const k = load<u32>(EDGES + (<usize>e << 3));
      if (k >= c) return k == c ? load<i32>(EDGES + (<usize>e << 3), 4) : 0;
    }
    return 0;
  }
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = load<u32>(EDGES + (<usize>mid << 3));
    if (k == c) return load<i32>(EDGES + (<usize>mid << 3), 4);
    if (k < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** Compares text[i, j) with a case-sensitive folded form, reading through spaces and markup as the walk does. */
export function equalsCaseSensitive(i: i32, j: i32, p: i32): bool {
  const at = load<i32>(PAT_CS + (<usize>p << 3));
  const len = load<i32>(PAT_CS + (<usize>p << 3) + 4);
  const pool = CS_POOL + (<usize>at << 1);
  let k = 0;
  for (let x = i; x < j; x++) {
    const raw = ch(x);
    let c = <u32>load<u16>(FOLD_CS + (<usize>raw << 1));
    if (latex && c == 0x7e) c = SPACE;
    if (c == IGNORABLE) continue;
    if ((clsOf(raw) & CLS_SPECIAL) != 0) {
      const m = markupAt(x);
      if (m != 0) {
        c = <u32>load<u16>(FOLD_CS + (<usize>markupChar(m) << 1));
        x += markupLength(m) - 1;
      }
    }
    if (c == SPACE) {
      while (x + 1 < j && load<u16>(FOLD_CS + (<usize>ch(x + 1) << 1)) == SPACE) x++;
      if (k < len && <u32>load<u16>(pool + (<usize>k << 1)) == SPACE) k++;
      continue;
    }
    if (k >= len || <u32>load<u16>(pool + (<usize>k << 1)) != c) return false;
    k++;
  }
  return k == len;
}

/** Whether the text after j (past ignorable characters) continues a word. */
export function wordContinuesAt(j: i32): bool {
  let x = j;
  while (x < TEXT_LEN) {
    const k = clsOf(ch(x));
    if ((k & CLS_IGNORABLE) == 0) return (k & CLS_WORD) != 0;
    x++;
  }
  return false;
}

/** The number of outputs of a node (a count of 0xfff or more is kept before the node's output list). */
@inline export function outputCount(node: i32, info: u32): i32 {
  const n = <i32>(info & NODE_MANY_OUTPUTS);
  return n == NODE_MANY_OUTPUTS ? load<i32>(OUT_LIST + ((<usize>nodeField(node, 1) - 1) << 2)) : n;
}

/** The first pattern ending at `node` that is valid for text[i, j) (word boundary, case), or -1. */
export function acceptAny(i: i32, j: i32, node: i32): i32 {
  // Whether the character after the match continues a word.
  const nextIsWord = wordContinuesAt(j);
  const info = node0(node);
  if ((info & NODE_MANY_OUTPUTS) == 1) {
    // One output, kept in the node with its flags.
    const p = nodeField(node, 1);
    if (nextIsWord && (info & (PAT_BOUNDARY_END << NODE_FLAGS_SHIFT)) != 0) return -1;
    if ((info & (PAT_CASE << NODE_FLAGS_SHIFT)) != 0 && !equalsCaseSensitive(i, j, p)) return -1;
    return p;
  }
  const from = nodeField(node, 1);
  const to = from + outputCount(node, info);
  for (let o = from; o < to; o++) {
    const p = load<i32>(OUT_LIST + (<usize>o << 2));
    const flags = load<u8>(PAT_FLAGS + <usize>p);
    if (nextIsWord && (flags & PAT_BOUNDARY_END) != 0) continue;
    if ((flags & PAT_CASE) != 0 && !equalsCaseSensitive(i, j, p)) continue;
    return p;
  }
  return -1;
}

/** Whether the code unit at j ends a line: `\n`, or `\r` not followed by `\n` (as editors count lines). */
@inline export function endsLine(j: i32): bool {
  const c = ch(j);
  return c == NL || (c == CR && chAt(j + 1) != NL);
}

// What a walk does with the longest mention it finds: writes it, records every mention it passes (for the
// Chinese rules), or only reports its end.
const EMIT: i32 = 0;
const COLLECT: i32 = 1;
const PROBE: i32 = 2;
let walkMode: i32 = EMIT;
/** The mentions a collecting walk passed, shortest first: ACC_MAX (end, pattern) pairs (the last is the longest). */
const ACC: usize = ACC_AT;
const ACC_MAX: i32 = 8;
let accCount: i32 = 0;

@inline function record(end: i32, p: i32): void {
  if (accCount < ACC_MAX) accCount++;
  store<i32>(ACC + (<usize>(accCount - 1) << 3), end);
  store<i32>(ACC + (<usize>(accCount - 1) << 3), p, 4);
}

/** Whether CJK text at j goes on to name a longer molecule (…酶, …合成酶, …激酶, …受体, …蛋白, …基因, …配体). */
function nameGoesOnAt(j: i32): bool {
  const a = chAt(j);
  const b = chAt(j + 1);
  if (a == 0x9176) return true; // 酶
  if (a == 0x5408) return b == 0x6210 && chAt(j + 2) == 0x9176; // 合成酶
  if (a == 0x6fc0) return b == 0x9176; // 激酶
  if (a == 0x53d7 || a == 0x914d) return b == 0x4f53; // 受体, 配体
  if (a == 0x86cb) return b == 0x767d; // 蛋白
  if (a == 0x57fa) return b == 0x56e0; // 基因
  return false;
}

/**
 * A mention starting at the CJK character at i (the trie node after it is `node`), by the Chinese rules:
 * Chinese has no spaces, so the longest term from i may cut a word wrongly. Of the terms starting at i, the
 * longest is taken that neither ends inside a longer term starting within it (放疗联合免疫 inside
 * 免疫检查点抑制剂: 放疗 is taken) nor ends where the text goes on to name a longer molecule (腺苷 in
 * 腺苷合成酶). Writes it and returns its end, or 0. Each probe reads at most a form's length, and probes
 * start only inside a term: linear.
 */
function cjkMention(i: i32, node: i32, limit: i32): i32 {
  walkMode = COLLECT;
  accCount = 0;
  const longest = walk(i, node, i + 1, limit);
  walkMode = EMIT;
  if (longest == 0) return 0;
  const found = accCount;
  // A longer term that starts inside the longest and ends after it.
  let cut = -1;
  for (let q = i + 1; q < longest && cut < 0; q++) {
    const c = ch(q);
    if (!isCjk(c)) continue;
    const next = load<i32>(ROOT + (<usize>foldOf(c) << 2));
    if (next == 0) continue;
    walkMode = PROBE;
    const e = walk(q, next, q + 1, limit);
    walkMode = EMIT;
    if (e > longest && e - q > longest - i) cut = q;
  }
  for (let k = found - 1; k >= 0; k--) {
    const end = load<i32>(ACC + (<usize>k << 3));
    if (cut >= 0 && end > cut) continue;
    if (isCjk(ch(end - 1)) && nameGoesOnAt(end)) continue;
    emit(i, end, load<i32>(ACC + (<usize>k << 3), 4));
    return end;
  }
  return 0;
}

/**
 * Walks the trie from `node`, reached by reading text[i, j); writes the longest valid mention starting at
 * i and returns its end, or 0. A mention ends only after a character or a whole markup token of the term:
 * never inside a token, and never on whitespace, a line break or a zero-width character.
 */
export function walk(i: i32, node: i32, j: i32, limit: i32): i32 {
  const text = TEXT;
  const folds = fold;
  const classes = cls;
  const chain = CHAIN;
  const nodes = NODES;
  let bestPattern = -1;
  let bestEnd = 0;
  // Whether the last thing read was a character of the term (not a gap: whitespace, a wrap, a zero-width character).
  let canEnd = true;
  while (true) {
    // Down a chain: one compare per character, until a branch, an output or a character that needs care.
    while (j < limit) {
      const key = <u32>load<u16>(chain + (<usize>node << 1));
      if (key == 0) break;
      const raw = <u32>load<u16>(text + (<usize>j << 1));
      if (<u32>load<u16>(folds + (<usize>raw << 1)) != key || (<u32>load<u8>(classes + <usize>raw) & CLS_SLOW) != 0) break;
      node++;
      j++;
      canEnd = true;
    }
    const info = load<u32>(nodes + ((<usize>node * NODE_WORDS) << 2));
    if ((info & NODE_MANY_OUTPUTS) != 0 && canEnd) {
      const p = acceptAny(i, j, node);
      if (p >= 0) {
        bestPattern = p;
        bestEnd = j;
        if (walkMode == COLLECT) record(j, p);
      }
    }
    const children = info >>> NODE_CHILDREN_SHIFT;
    if (j >= limit || children == 0) break;
    const raw = <u32>load<u16>(text + (<usize>j << 1));
    const k = <u32>load<u8>(classes + <usize>raw);
    if ((k & CLS_SLOW) == 0) {
      const c = <u32>load<u16>(folds + (<usize>raw << 1));
      if (children == 1) {
        if (load<u32>(nodes + ((<usize>node * NODE_WORDS) << 2), 8) != c) break;
        node++;
      } else {
        node = child(node, c);
        if (node == 0) break;
      }
      j++;
      canEnd = true;
      continue;
    }
    if ((k & CLS_IGNORABLE) != 0) {
      j++;
      canEnd = false;
      continue;
    }
    if ((k & CLS_SPECIAL) != 0) {
      // Only a markup token is read through, as the character it stands for; any other construct ends the walk.
      const m = markupAt(j);
      if (m == 0 || j + markupLength(m) > limit) break;
      const next = child(node, <u32>load<u16>(folds + (<usize>markupChar(m) << 1)));
      if (next == 0) break;
      node = next;
      j += markupLength(m);
      canEnd = true;
      continue;
    }
    // Whitespace: a run of it matches one space of a form, but never across a blank line.
    let e = j;
    let lines = 0;
    while (e < limit && (clsOf(ch(e)) & CLS_SPACE) != 0) {
      if (endsLine(e)) lines++;
      e++;
    }
    if (lines >= 2) break;
    // Chinese hard-wrapped across a line break reads as one term (tried before a space of a form, so that
    // a spaced variant of a term does not hide the term itself).
    if (lines == 1 && isCjk(ch(j - 1)) && e < limit && isCjk(ch(e))) {
      const c = <u32>load<u16>(folds + (<usize>ch(e) << 1));
      if (child(node, c) != 0) {
        j = e;
        canEnd = false;
        continue;
      }
    }
    const next = child(node, SPACE);
    if (next != 0) {
      node = next;
      j = e;
      canEnd = false;
      continue;
    }
    break;
  }
  if (bestPattern < 0) return 0;
  if (walkMode == EMIT) emit(i, bestEnd, bestPattern);
  return bestEnd;
}

/**
 * Looks up the word text[ws, we) (folded hash h) among the first words of forms and, if it is one, walks on
 * from the trie node after it. Returns the end of the mention written, or 0.
 */
export function walkWord(ws: i32, we: i32, h: u32, limit: i32): i32 {
  for (let s = h & WORD_MASK; ; s = (s + 1) & WORD_MASK) {
    // A slot: [length (0 = empty), hash, node, start in the pool, the first 8 characters].
    const slot = WORD_SLOTS + ((<usize>s * WORD_SLOT_WORDS) << 2);
    const len = load<i32>(slot);
    if (len == 0) return 0;
    if (load<u32>(slot, 4) != h) continue;
    // Compare the word with the stored one (hashes can collide), skipping ignorable characters.
    const pool = WORD_POOL + (<usize>load<i32>(slot, 12) << 1);
    let p = 0;
    let x = ws;
    for (; x < we && p < len; x++) {
      const c = foldOf(ch(x));
      if (c == IGNORABLE) continue;
      const stored = p < WORD_INLINE ? <u32>load<u16>(slot + 16 + (<usize>p << 1)) : <u32>load<u16>(pool + (<usize>p << 1));
      if (c != stored) break;
      p++;
    }
    // The walk goes on from the word's last character, so that a mention never ends on a zero-width one.
    const last = x;
    while (x < we && foldOf(ch(x)) == IGNORABLE) x++;
    if (x == we && p == len) return walk(ws, load<i32>(slot, 8), last, limit);
  }
  return 0;
}

/**
 * Reads plain text (a document without regions) from a to b, writing its mentions; returns where it
 * stopped: b, or after the last mention written if the output area filled up (see RESULT).
 */
export function scan(a: i32, b: i32): i32 {
  setLanguage(0);
  beginOutput(false);
  const i = scanPlain(a, b);
  return finish(i, outFull);
}

/**
 * The scan proper: returns where it stopped (a special character, b, or after the mention that filled the
 * output area, with outFull set). A special character (CLS_SPECIAL in the language's class table) may begin
 * a construct: the region scan that called decides, and calls again after it when it is plain text.
 */
export function scanPlain(a: i32, b: i32): i32 {
  clearOutputFull();
  // Locals for the hot loop (globals are reloaded at every use).
  const text = TEXT;
  const classes = cls;
  const folds = fold;
  const bits = WORD_BITS;
  let i = a;
  while (i < b) {
    let c = <u32>load<u16>(text + (<usize>i << 1));
    let k = <u32>load<u8>(classes + <usize>c);
    if ((k & CLS_WORD) != 0) {
      // A word: read it whole, hashing it folded.
      const ws = i;
      let h: u32 = <u32>load<u16>(folds + (<usize>c << 1));
      while (true) {
        if (++i >= b) break;
        c = <u32>load<u16>(text + (<usize>i << 1));
        k = <u32>load<u8>(classes + <usize>c);
        if ((k & CLS_WORD) != 0) h = h * 31 + <u32>load<u16>(folds + (<usize>c << 1));
        else if ((k & CLS_IGNORABLE) == 0) break;
      }
      if ((load<u32>(bits + (<usize>((h >>> 5) & (WORD_BITS_WORDS - 1)) << 2)) & (<u32>1 << (h & 31))) != 0) {
        const end = walkWord(ws, i, h, b);
        if (end > i) {
          i = end;
          if (outputFull()) return i;
          continue;
        }
        if (end > 0 && outputFull()) return i;
      }
      if (i >= b) break;
    }
    // A character that is not part of a word.
    if ((k & CLS_SPECIAL) != 0) return i;
    if ((k & CLS_START_ANYWHERE) != 0) {
      const node = load<i32>(ROOT + (<usize>foldOf(c) << 2));
      const end = node == 0 ? 0 : isCjk(c) ? cjkMention(i, node, b) : walk(i, node, i + 1, b);
      if (end > 0) {
        i = end;
        if (outputFull()) return i;
        continue;
      }
    }
    i++;
  }
  return b;
}

// document is read in one pass: plain text goes to scanPlain, constructs are skipped and recorded.
