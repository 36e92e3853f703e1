/**
 * The bounds of a tables file's body, checked before the tables are used (src/core/matching/matcherTables.ts calls
 * it on the copy the checksum was computed over). The checksum catches damage; this catches a file whose
 * checksum was made to match: every number the scans use as an index into a table must lie inside it, and
 * the word table must have a free slot (its probes stop at one), so that no tables file can make the
 * kernel read outside its memory (a trap) or loop. Linear in the tables: each array is read once.
 */

import { DENSE_ROW, NODE_CHILDREN_SHIFT, NODE_MANY_OUTPUTS, NODE_WORDS, TABLES_BAD_CASE_FORMS, TABLES_BAD_EDGES, TABLES_BAD_NODES, TABLES_BAD_OUTPUTS, TABLES_BAD_WORD_SLOTS, TABLES_OK, WORD_SLOT_WORDS } from './contract';

/**
 * Checks the trie, its outputs, the case-sensitive forms and the word table (byte addresses in memory, counts
 * in entries) and returns TABLES_OK or the first problem's TABLES_BAD_… code.
 */
export function checkTables(
  nodes: usize, nodeCount: i32, chain: usize, edges: usize, edgeCount: i32, dense: usize, denseLength: i32, outList: usize, outLength: i32,
  patCs: usize, formCount: i32, csLength: i32, wordSlots: usize, slotCount: i32, wordPoolLength: i32,
): i32 {
  // Edges and dense rows lead to nodes (0: none).
  for (let e = 0; e < edgeCount; e++) {
    const child = load<i32>(edges + ((<usize>e << 1) << 2), 4);
    if (child < 0 || child >= nodeCount) return TABLES_BAD_EDGES;
  }
  for (let d = 0; d < denseLength; d++) {
    const child = load<i32>(dense + (<usize>d << 2));
    if (child < 0 || child >= nodeCount) return TABLES_BAD_EDGES;
  }
  // The outputs of all nodes together: in the tables as built, each node's list is its own.
  let outputs = 0;
  for (let v = 0; v < nodeCount; v++) {
    const node = nodes + ((<usize>v * NODE_WORDS) << 2);
    const info = load<u32>(node);
    const children = <i32>(info >>> NODE_CHILDREN_SHIFT);
    // A chain key or a single child means the child is the next node.
    if ((load<u16>(chain + (<usize>v << 1)) != 0 || children == 1) && v + 1 >= nodeCount) return TABLES_BAD_NODES;
    if (children > 1) {
      const first = load<i32>(node, 8);
      if (first < 0 || first > edgeCount - children) return TABLES_BAD_NODES;
      const row = load<i32>(node, 12);
      if (row >= 0 && row > denseLength - DENSE_ROW) return TABLES_BAD_NODES;
    }
    const n = <i32>(info & NODE_MANY_OUTPUTS);
    if (n == 0) continue;
    const field = load<i32>(node, 4);
    if (n == 1) {
      if (field < 0 || field >= formCount) return TABLES_BAD_OUTPUTS;
      continue;
    }
    // A node with NODE_MANY_OUTPUTS or more has its count just before its list.
    if (field < (n == NODE_MANY_OUTPUTS ? 1 : 0) || field > outLength) return TABLES_BAD_OUTPUTS;
    const count = n == NODE_MANY_OUTPUTS ? load<i32>(outList + ((<usize>field - 1) << 2)) : n;
    if (count < 0 || count > outLength - field) return TABLES_BAD_OUTPUTS;
    outputs += count;
    if (outputs > outLength) return TABLES_BAD_OUTPUTS;
    for (let o = field; o < field + count; o++) {
      const p = load<i32>(outList + (<usize>o << 2));
      if (p < 0 || p >= formCount) return TABLES_BAD_OUTPUTS;
    }
  }
  // Each case-sensitive form lies in the pool.
  for (let p = 0; p < formCount; p++) {
    const at = load<i32>(patCs + (<usize>p << 3));
    const length = load<i32>(patCs + (<usize>p << 3), 4);
    if (at < 0 || length < 0 || at > csLength - length) return TABLES_BAD_CASE_FORMS;
  }
  // Each word's node is in the trie and its characters in the pool; one slot at least is free.
  let free = 0;
  for (let s = 0; s < slotCount; s++) {
    const slot = wordSlots + ((<usize>s * WORD_SLOT_WORDS) << 2);
    const length = load<i32>(slot);
    if (length == 0) {
      free++;
      continue;
    }
    const node = load<i32>(slot, 8);
    const at = load<i32>(slot, 12);
    if (length < 0 || node < 0 || node >= nodeCount || at < 0 || at > wordPoolLength - length) return TABLES_BAD_WORD_SLOTS;
  }
  return free > 0 ? TABLES_OK : TABLES_BAD_WORD_SLOTS;
}
