// What the e2e test asserts on an editor in the workbench, whichever extension build it runs (the desktop
// one in test/e2e/run.ts, the web-only one in test/e2e/web.ts): one visual signal per mention, and the
// hover card of a term.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliMention } from './harness';
import type { Entry } from '../../src/core/lexicon/lexicon';
import { assert, bibField, cliMentions, findOnScreen, goTo, hoverAtCursor, lexiconEntry, lineCol, openFile, squash, ui, visibleHoverText, waitHover, workspace } from './harness';
import { contrastRatio, parseColor } from '../colors';
import type { Box } from './paint';
import { readPaintedLine } from './paint';

/** A prose line of a workspace file with several mentions, found by a phrase on it. */
export interface PaintLine {
  file: string;
  phrase: string;
}

/**
 * What the base Markdown/LaTeX grammars and bracket-pair colouring may colour on a prose line (citations,
 * links, code, math, comments, commands, brackets): left out of the check that prose keeps the text colour.
 */
const MARKUP = /\[[^\]]*\]|`[^`]*`|\$[^$]*\$|<!--.*?-->|%.*$|\\[A-Za-z]+|[{}()[\]~]/g;
/** WCAG 2 minimum contrast for graphical marks (1.4.11), here the underline against the editor background. */
const MIN_MARK_CONTRAST = 3;

export function paintLineNumber(f: PaintLine): number {
  const text = fs.readFileSync(path.join(workspace, f.file), 'utf8');
  const at = text.indexOf(f.phrase);
  assert(at >= 0, `${f.file} no longer contains '${f.phrase}'`);
  return lineCol(text, at).line;
}

/** A paint line, with its text, its start offset and the CLI's mentions on it. */
export function paintLine(f: PaintLine): { line: number; lineStart: number; lineText: string; mentions: CliMention[] } {
  const text = fs.readFileSync(path.join(workspace, f.file), 'utf8');
  const line = paintLineNumber(f);
  const lineStart = text.split('\n').slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  const lineText = text.split('\n')[line - 1];
  const mentions = cliMentions(path.join(workspace, f.file)).filter((m) => m.start >= lineStart && m.end <= lineStart + lineText.length);
  assert(mentions.length >= 2, `the CLI finds ${mentions.length} mentions on ${f.file} line ${line}, the check needs two`);
  return { line, lineStart, lineText, mentions };
}

const overlaps = (a: Box, b: Box, slack = 2) =>
  Math.abs(a.left - b.left) <= slack && Math.abs(a.right - b.right) <= slack && a.top < b.bottom && b.top < a.bottom;

/**
 * On one prose line of the active theme: every mention has its decoration box and no decoration box is
 * outside a mention; the underline is thick enough and contrasts with the background; every character of
 * prose (markup aside), mentions included, has the colour of the line's plain text, so no grammar or token
 * provider colours terms or the text after them.
 */
export async function assertOneSignal(f: PaintLine): Promise<void> {
  const { line, lineStart, lineText, mentions } = paintLine(f);
  await openFile(f.file);
  await goTo(line, 1);
  const p = ui();
  // Leave the cursor's word highlight and any hover out of the picture; wait for tokens and decorations.
  await p.mouse.move(5, 5);
  const ranges = mentions.map((m) => ({ start: m.start - lineStart, end: m.end - lineStart }));
  const end = Date.now() + 10_000;
  let painted = await readPaintedLine(p, line, ranges);
  while (painted.overlays.length < mentions.length && Date.now() < end) {
    await p.waitForTimeout(250);
    painted = await readPaintedLine(p, line, ranges);
  }
  assert(painted.text === lineText, `line ${line} renders as '${painted.text.slice(0, 80)}…', not as in the file`);

  // The decorations: one box per mention (per wrapped part), none elsewhere.
  for (const [i, m] of mentions.entries()) {
    const boxes = painted.rangeBoxes[i];
    assert(boxes.length > 0, `'${m.text}' has no box on screen`);
    for (const b of boxes) {
      const near = painted.overlays.filter((o) => o.top < b.bottom && b.top < o.bottom).map((o) => `${Math.round(o.left)}-${Math.round(o.right)}`);
      assert(painted.overlays.some((o) => overlaps(o, b)), `'${m.text}' (${m.category}) at x ${Math.round(b.left)}-${Math.round(b.right)} has no decoration box (boxes on its row: ${near.join(', ')})`);
    }
  }
  const stray = painted.overlays.filter((o) => !painted.rangeBoxes.some((bs) => bs.some((b) => overlaps(o, b))));
  assert(stray.length === 0, `${stray.length} decoration boxes cover text that is not a mention`);

  // The default style: an underline in the category's colour that stands out from the background.
  let worst = Number.POSITIVE_INFINITY;
  for (const o of painted.overlays) {
    assert(parseFloat(o.borderBottomWidth) >= 2, `an underline is ${o.borderBottomWidth} thick`);
    assert(parseColor(o.borderBottomColor).a === 1, `an underline is translucent (${o.borderBottomColor})`);
    worst = Math.min(worst, contrastRatio(o.borderBottomColor, painted.background));
  }
  console.log(`     (${mentions.length} mentions; lowest underline contrast ${worst.toFixed(2)}:1 on ${painted.background})`);
  assert(worst >= MIN_MARK_CONTRAST, `an underline contrasts ${worst.toFixed(2)}:1 with the background, under ${MIN_MARK_CONTRAST}:1`);

  // The text colour: prose (mentions and all) keeps the theme's text colour.
  const markup = new Array<boolean>(lineText.length).fill(false);
  for (const m of lineText.matchAll(MARKUP)) for (let k = m.index; k < m.index + m[0].length; k++) markup[k] = true;
  const off = Array.from({ length: lineText.length }, (_, k) => k).filter((k) => !markup[k] && lineText[k].trim() !== '' && painted.colors[k] !== painted.textColor);
  assert(off.length === 0, `${off.length} characters are painted in another colour than the theme's text (${painted.textColor}), from '${lineText.slice(off[0], off[0] + 12)}'`);
}

/**
 * Opens `file`, moves the mouse onto `phrase` (which starts with a mention) and waits up to 10 s for a hover
 * showing `until`; gives the mention the CLI finds there and the hover's text, white space squashed.
 */
async function hoverPhrase(file: string, phrase: string, until: (m: CliMention) => string): Promise<{ m: CliMention; h: string }> {
  const text = fs.readFileSync(path.join(workspace, file), 'utf8');
  const offset = text.indexOf(phrase);
  assert(offset >= 0, `${file} no longer contains '${phrase}'`);
  const m = cliMentions(path.join(workspace, file)).find((x) => x.start <= offset && offset < x.end);
  assert(m, `the CLI finds no mention at '${phrase}'`);
  const want = until(m);
  await openFile(file);
  const p = ui();
  const box = await findOnScreen(phrase);
  // Click elsewhere first so that the selection highlight does not cover the decoration.
  await p.mouse.move(box.x + 20, box.y - 60);
  await p.mouse.move(box.x + 10, box.y + box.height / 2, { steps: 5 });
  const end = Date.now() + 10_000;
  let hover = '';
  while (Date.now() < end && !hover.includes(want)) {
    await p.waitForTimeout(250);
    hover = await visibleHoverText();
  }
  return { m, h: squash(hover) };
}

/** {@link hoverPhrase} for a mention of a lexicon entry: gives the entry and the hover's text. */
async function hoverMention(file: string, phrase: string, until: (e: Entry) => string): Promise<{ e: Entry; h: string }> {
  let e: Entry | undefined;
  const { h } = await hoverPhrase(file, phrase, (m) => until((e = lexiconEntry(m.id))));
  return { e: e!, h };
}

/**
 * Opens `file`, moves the mouse onto `phrase` (which starts with a trial registry number the lexicon does not
 * list) and checks its card: the number, the registry's name, and a link to the number's page.
 */
export async function assertRegistryHoverCard(file: string, phrase: string, registry: string, url: string): Promise<void> {
  const { m, h } = await hoverPhrase(file, phrase, () => registry);
  assert(m.id === `registry:${m.text}` && m.category === 'trial', `the CLI's mention at '${phrase}' is ${m.id} (${m.category}), not a registry number`);
  assert(h.includes(m.text) && h.includes(registry), `the card lacks '${m.text}' or '${registry}'; hover text: '${h.slice(0, 300)}'`);
  const link = ui().locator('.monaco-hover a').filter({ hasText: /registry/ }).first();
  const target = (await link.getAttribute('data-href')) ?? (await link.getAttribute('href')) ?? '';
  assert(target === url, `the card's link goes to '${target}', not '${url}'`);
}

/**
 * Opens `file`, moves the mouse onto `phrase` (which starts with a mention) and checks the hover card of the
 * mentioned entry: English and Chinese names, the definition, the first evidence sentence.
 */
export async function assertHoverCard(file: string, phrase: string): Promise<void> {
  const { e, h } = await hoverMention(file, phrase, (e) => e.label.en);
  assert(h.includes(e.label.en), `no hover with the English name '${e.label.en}'; hover text: '${h.slice(0, 300)}'`);
  assert(h.includes(e.label.zh), `the card lacks the Chinese name '${e.label.zh}'`);
  const def = squash(e.definition.en).slice(0, 40);
  assert(h.includes(def), `the card lacks the definition ('${def}…'); hover text: '${h.slice(0, 400)}'`);
  if (e.evidence.length > 0) {
    const ev = squash(e.evidence[0].sentence).slice(0, 12);
    assert(h.includes(ev), `the card lacks the evidence sentence ('${ev}…')`);
  }
}

/**
 * Opens `file`, moves the mouse onto `phrase` (which starts with a mention of a generated, ontology-tier
 * entry) and checks its card: the ontology's name, the definition, and where it comes from (source,
 * identifier, licence), as the hover card of a generated entry promises.
 */
export async function assertGeneratedHoverCard(file: string, phrase: string): Promise<void> {
  const { e, h } = await hoverMention(file, phrase, (e) => e.origin?.curie ?? e.label.en);
  assert(e.origin, `'${e.id}' is not a generated entry`);
  assert(h.includes(e.label.en), `no hover with the name '${e.label.en}'; hover text: '${h.slice(0, 300)}'`);
  for (const part of [e.origin.curie, e.origin.licence, squash(e.origin.source).slice(0, 30), squash(e.definition.en).slice(0, 30)]) {
    assert(h.includes(part), `the card lacks '${part}'; hover text: '${h.slice(0, 400)}'`);
  }
}

/**
 * Hovering a citation key (`\cite{…key…}` in LaTeX, `[@key]` in Markdown) of a workspace file shows the
 * reference of references.bib: its title, key and DOI, linked to doi.org.
 */
export async function assertCitationHover(file: string, key: string): Promise<void> {
  const title = bibField(key, 'title');
  const doi = bibField(key, 'doi');
  assert(title && doi, `references.bib has no title or doi for ${key}`);
  const text = fs.readFileSync(path.join(workspace, file), 'utf8');
  const cite = new RegExp(`(?:\\\\cite\\w*\\{[^}]*|@)\\b${key}\\b`).exec(text);
  assert(cite, `${file} does not cite ${key}`);
  await openFile(file);
  const at = lineCol(text, cite.index + cite[0].length - key.length + 3);
  await goTo(at.line, at.col);
  await hoverAtCursor();
  const h = await waitHover((t) => t.includes(title));
  assert(h.includes(title), `no hover with the title '${title}'; hover text: '${h.slice(0, 300)}'`);
  assert(h.includes(key), `the hover does not name the key ${key}`);
  assert(h.includes(`doi:${doi}`), `the hover has no 'doi:${doi}'; hover text: '${h.slice(0, 400)}'`);
  const link = ui().locator('.monaco-hover a', { hasText: `doi:${doi}` }).first();
  const target = (await link.getAttribute('data-href')) ?? (await link.getAttribute('href')) ?? '';
  assert(target.toLowerCase() === `https://doi.org/${doi}`.toLowerCase(), `the DOI links to '${target}', not https://doi.org/${doi}`);
}
