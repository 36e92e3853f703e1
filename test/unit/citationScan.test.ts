/**
 * Finding citations stays linear on hostile documents (issue 10): each shape is scanned at n and 4n
 * characters and must take well under 8× the time (a quadratic scan takes 16×). The results on the
 * hostile shapes are checked too, so a faster scanner cannot get there by finding nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { citationContextAt, findCitations } from '../../src/core/citations/citationSyntax';
import type { CitationSyntax } from '../../src/core/citations/citationSyntax';

/** `unit` repeated to about `size` characters, then `tail`. */
const fill = (unit: string, size: number, head = '', tail = '') => head + unit.repeat(Math.ceil(size / unit.length)) + tail;

/**
 * The least CPU time (not wall-clock time: other processes share the machine) of nine runs of every citation
 * scan on a document: the whole-document search and the completion context at its end. The process's CPU
 * time includes its garbage collector's and compiler's threads, which in a full, parallel test run sometimes
 * land in every one of five runs of a few milliseconds.
 */
function work(text: string, syntax: CitationSyntax): number {
  let best = Infinity;
  for (let run = 0; run < 9; run++) {
    const t0 = process.cpuUsage();
    findCitations(text, syntax);
    for (let k = 0; k < 50; k++) citationContextAt(text, text.length - k * 13, syntax);
    const d = process.cpuUsage(t0);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

const SHAPES: { name: string; syntax: CitationSyntax; unit: string; head?: string; tail?: string }[] = [
  { name: 'unclosed \\cite[ repeated', syntax: 'latex', unit: '\\cite[' },
  { name: 'a backslash then one long run of letters containing "cite"', syntax: 'latex', unit: 'cite', head: '\\' },
  { name: '\\cite[ inside one long option, then spaces', syntax: 'latex', unit: '\\cite[x', tail: ']' },
  { name: 'unclosed \\cite{ repeated', syntax: 'latex', unit: '\\cite{a ' },
  { name: 'unclosed <!-- repeated', syntax: 'pandoc', unit: '<!--' },
  { name: 'one run of backticks', syntax: 'pandoc', unit: '`' },
  { name: 'backtick runs of growing length', syntax: 'pandoc', unit: '`a``b' },
  { name: 'unclosed fences', syntax: 'pandoc', unit: '```a\n\n' },
];

for (const shape of SHAPES) {
  test(`finding citations is linear: ${shape.name}`, () => {
    const size = 50_000;
    work(fill(shape.unit, size / 4, shape.head, shape.tail), shape.syntax); // warm-up
    const small = work(fill(shape.unit, size, shape.head, shape.tail), shape.syntax);
    const large = work(fill(shape.unit, 4 * size, shape.head, shape.tail), shape.syntax);
    assert.ok(large / Math.max(small, 0.2) < 8, `${size} characters: ${small.toFixed(1)} ms, ${4 * size}: ${large.toFixed(1)} ms`);
  });
}

test('the hostile shapes still yield the citations they hold', () => {
  const t1 = `${'\\cite['.repeat(20_000)}p.~2]{mole1953}`;
  assert.deepEqual(findCitations(t1, 'latex').map((u) => [u.key, u.start]), [['mole1953', t1.length - 9]]);
  const t2 = `${'\\cite[x'.repeat(20_000)}]   {a, b}`;
  assert.deepEqual(findCitations(t2, 'latex').map((u) => u.key), ['a', 'b']);
  assert.equal(citationContextAt(`${'\\cite['.repeat(100)}]{a,`, 600 + 4, 'latex')?.otherKeys[0], 'a');
  const t3 = `<!-- [@hidden] --> [@kept] ${'<!--'.repeat(20_000)} [@unclosed]`;
  assert.deepEqual(findCitations(t3, 'pandoc').map((u) => u.key), ['kept', 'unclosed']);
  const t4 = `${'`'.repeat(50_000)} [@kept] \`[@code]\` \`\`[@two]\`\` \`\`[@open]\``;
  assert.deepEqual(findCitations(t4, 'pandoc').map((u) => [u.key, u.bracketed]), [['kept', true], ['open', true]]);
  const t5 = '```\n```\n[@after] and\n~~~~\n[@inside]\n~~~\n[@still]\n~~~~~ \nthen [@out]';
  assert.deepEqual(findCitations(t5, 'pandoc').map((u) => u.key), ['after', 'out']);
  const t6 = `${'[@a '.repeat(20_000)}]`;
  const uses = findCitations(t6, 'pandoc');
  assert.equal(uses.length, 20_000);
  assert.deepEqual([uses[0].bracketed, uses[uses.length - 1].bracketed], [false, true]);
});
