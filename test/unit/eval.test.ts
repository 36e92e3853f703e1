import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { GoldError, parseGold, resolveGold } from '../../scripts/eval/gold';
import { EVAL_SETS, goldDir, loadPassages, OPTIONAL_SETS, PASSAGE_DIR, textDir, textsAvailable } from '../../scripts/eval/passages';
import { countByCategory, countDocument, prf } from '../../scripts/eval/score';

// The texts are read from ../shared/eval/ (outside the project); a clone without it checks only the scorer.
const noTexts = textsAvailable() ? false : 'the evaluation texts (../shared/eval/) are not beside this checkout';

describe('evaluation set', { skip: noTexts }, () => {
  const passages = noTexts ? [] : loadPassages();

  it('has real passages of every kind the issue asks for, each with its source, licence and cut', () => {
    assert.ok(passages.length >= 24, `${passages.length} passages`);
    assert.ok(passages.filter((p) => p.language === 'zh').length >= 5);
    assert.ok(passages.filter((p) => p.kind !== 'plain').length >= 6);
    for (const p of passages) {
      const meta = JSON.parse(fs.readFileSync(path.join(PASSAGE_DIR, `${p.id}.meta.json`), 'utf8')) as Record<string, unknown>;
      for (const key of ['source', 'licence', 'cut', 'language', 'kind']) assert.ok(meta[key], `${p.id}: metadata lacks '${key}'`);
      const source = meta.source as { url?: string; repository?: string; commit?: string };
      assert.ok(source.url || (source.repository && source.commit), `${p.id}: the source needs a URL, or a repository and commit`);
    }
  });

  it('keeps no text by others in the project: gold and metadata only', () => {
    for (const set of EVAL_SETS) {
      const kept = fs.readdirSync(goldDir(set)).filter((f) => !/\.(gold|abbr)\.tsv$|\.meta\.json$/.test(f));
      assert.deepEqual(kept, [], `test/eval/${set}/ holds more than gold and metadata`);
    }
  });

  it('has the annotated pool: about 20 new passages in English and Chinese, abstracts and manuscripts', () => {
    const pool = loadPassages('pool');
    assert.ok(pool.length >= 18, `${pool.length} pool passages`);
    assert.ok(pool.filter((p) => p.language === 'zh').length >= 5);
    assert.ok(pool.filter((p) => p.kind === 'markdown').length >= 4);
  });

  it('resolves every gold file to sorted, non-overlapping spans inside the passage that read as listed', () => {
    for (const p of [...passages, ...loadPassages('pool')]) {
      assert.ok(p.gold.length > 0, `${p.id}: no gold mentions`);
      let last = 0;
      for (const g of p.gold) {
        assert.ok(g.start >= last, `${p.id}: '${g.text}' at ${g.start} overlaps or precedes the previous span`);
        assert.ok(g.end <= p.text.length && g.start < g.end, `${p.id}: '${g.text}' out of bounds`);
        assert.equal(p.text.slice(g.start, g.end), g.text);
        last = g.end;
      }
    }
  });
});

// The held-out sets' texts are not beside every checkout (CI has passages/ and pool/ only): say so and skip.
for (const set of OPTIONAL_SETS) {
  const absent = textsAvailable(set)
    ? false
    : `the held-out texts are not in ${textDir(set)} (set ONCOLEX_EVAL_TEXTS to a folder holding ${set}/): the ${set} gold is not resolved here`;

  describe(`held-out set (${set})`, { skip: absent }, () => {
    const heldOut = absent ? [] : loadPassages(set);

    it('has 12–16 held-out passages in English and Chinese, with Markdown manuscripts', () => {
      assert.ok(heldOut.length >= 12 && heldOut.length <= 16, `${heldOut.length} ${set} passages`);
      assert.ok(heldOut.filter((p) => p.language === 'zh').length >= 4);
      assert.ok(heldOut.filter((p) => p.kind !== 'plain').length >= 3);
    });

    it('resolves every gold file to sorted, non-overlapping spans that read as listed, and every abbreviation pair is in its passage', async () => {
      const { parseAbbreviationGold } = await import('../../scripts/eval/abbreviations');
      for (const p of heldOut) {
        assert.ok(p.gold.length > 0, `${p.id}: no gold mentions`);
        let last = 0;
        for (const g of p.gold) {
          assert.ok(g.start >= last, `${p.id}: '${g.text}' at ${g.start} overlaps or precedes the previous span`);
          assert.equal(p.text.slice(g.start, g.end), g.text);
          last = g.end;
        }
        const file = path.join(goldDir(set), `${p.id}.abbr.tsv`);
        assert.ok(fs.existsSync(file), `${p.id}.abbr.tsv is missing`);
        for (const pair of parseAbbreviationGold(fs.readFileSync(file, 'utf8'), file)) {
          const flat = p.text.replace(/\s+/g, ' ');
          assert.ok(flat.includes(pair.short) && flat.includes(pair.long), `${p.id}: ${pair.short} = ${pair.long} is not in the passage`);
        }
      }
    });
  });
}

describe('where the texts are read from', () => {
  it('knows every set by name, each with its gold folder; the held-out sets are optional', () => {
    assert.deepEqual([...EVAL_SETS], ['passages', 'pool', 'fresh', 'fresh2', 'fresh3', 'fresh4', 'fresh5', 'fresh6', 'fresh7']);
    for (const set of EVAL_SETS) assert.ok(fs.readdirSync(goldDir(set)).some((f) => f.endsWith('.gold.tsv')), `no gold in test/eval/${set}/`);
    assert.deepEqual([...OPTIONAL_SETS], ['fresh', 'fresh2', 'fresh3', 'fresh4', 'fresh5', 'fresh6', 'fresh7']);
  });

  it('takes each set from the first ONCOLEX_EVAL_TEXTS folder that holds it, then ../shared/eval/', async (t) => {
    const os = await import('node:os');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-eval-'));
    t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
    fs.mkdirSync(path.join(tmp, 'a', 'fresh'), { recursive: true });
    fs.mkdirSync(path.join(tmp, 'b', 'fresh'), { recursive: true });
    fs.mkdirSync(path.join(tmp, 'b', 'pool'), { recursive: true });
    fs.mkdirSync(path.join(tmp, 'b', 'fresh2'), { recursive: true });
    fs.mkdirSync(path.join(tmp, 'a', 'fresh3'), { recursive: true });
    fs.mkdirSync(path.join(tmp, 'b', 'fresh4'), { recursive: true });
    fs.mkdirSync(path.join(tmp, 'a', 'fresh5'), { recursive: true });
    fs.mkdirSync(path.join(tmp, 'b', 'fresh6'), { recursive: true });
    fs.mkdirSync(path.join(tmp, 'a', 'fresh7'), { recursive: true });
    const saved = process.env.ONCOLEX_EVAL_TEXTS;
    t.after(() => {
      if (saved === undefined) delete process.env.ONCOLEX_EVAL_TEXTS;
      else process.env.ONCOLEX_EVAL_TEXTS = saved;
    });
    process.env.ONCOLEX_EVAL_TEXTS = [path.join(tmp, 'a'), path.join(tmp, 'b')].join(path.delimiter);
    assert.equal(textDir('fresh'), path.join(tmp, 'a', 'fresh'));
    assert.equal(textDir('pool'), path.join(tmp, 'b', 'pool'));
    assert.equal(textDir('fresh2'), path.join(tmp, 'b', 'fresh2'));
    assert.equal(textDir('fresh3'), path.join(tmp, 'a', 'fresh3'));
    assert.equal(textDir('fresh4'), path.join(tmp, 'b', 'fresh4'));
    assert.equal(textDir('fresh5'), path.join(tmp, 'a', 'fresh5'));
    assert.equal(textDir('fresh6'), path.join(tmp, 'b', 'fresh6'));
    assert.equal(textDir('fresh7'), path.join(tmp, 'a', 'fresh7'));
    process.env.ONCOLEX_EVAL_TEXTS = path.join(tmp, 'c');
    // No named folder holds it: ../shared/eval/ if it does, else the first named folder, which messages name.
    const shared = path.join(__dirname, '..', '..', '..', 'shared', 'eval', 'fresh');
    assert.equal(textDir('fresh'), fs.existsSync(shared) ? shared : path.join(tmp, 'c', 'fresh'));
    if (!fs.existsSync(shared)) assert.throws(() => loadPassages('fresh'), /texts of the evaluation set 'fresh' are not in .*ONCOLEX_EVAL_TEXTS/);
  });
});

describe('gold resolution', () => {
  const text = 'RT and SBRT; post-RT CD8+ T cells and T cells. RT again.';

  it('takes longer surfaces first and counts whole words only', () => {
    const g = resolveGold(text, parseGold('concept\tRT\nimmune-cell\tT cells\nimmune-cell\tCD8+ T cells\nconcept\tSBRT', 't'), 'plain', 't');
    assert.deepEqual(
      g.map((s) => s.text),
      ['RT', 'SBRT', 'RT', 'CD8+ T cells', 'T cells', 'RT'],
    );
    assert.equal(g[2].start, text.indexOf('post-RT') + 5);
  });

  it('selects one occurrence by number or by context', () => {
    assert.deepEqual(
      resolveGold(text, parseGold('concept\tRT\t#3', 't'), 'plain', 't').map((s) => s.start),
      [text.lastIndexOf('RT')],
    );
    assert.deepEqual(
      resolveGold(text, parseGold('concept\tRT\t@post-| CD8', 't'), 'plain', 't').map((s) => s.start),
      [text.indexOf('post-RT') + 5],
    );
  });

  it('fails loudly on a surface not found, an ambiguous context, an overlap or a bad line', () => {
    assert.throws(() => resolveGold(text, parseGold('concept\tIMRT', 't'), 'plain', 't'), GoldError);
    assert.throws(() => resolveGold(text, parseGold('concept\tRT\t@|', 't'), 'plain', 't'), GoldError);
    assert.throws(() => resolveGold(text, parseGold('immune-cell\tCD8+ T cells\nimmune-cell\tT cells\t#1', 't'), 'plain', 't'), GoldError);
    assert.throws(() => parseGold('cells\tT cells', 't'), GoldError);
    assert.throws(() => parseGold('concept\tRT\tfirst', 't'), GoldError);
  });

  it('ignores occurrences in citation keys and in front matter outside its prose values', () => {
    const md = '---\ntitle: RT\nbibliography: RT.bib\nabstract: |\n  RT and RT\n---\nRT [@RT]\n';
    assert.deepEqual(
      resolveGold(md, parseGold('concept\tRT', 't'), 'markdown', 't').map((s) => s.start),
      [md.indexOf('RT'), md.indexOf('  RT') + 2, md.indexOf('and RT') + 4, md.indexOf('\nRT ') + 1],
    );
    const tex = 'RT~\\cite{RT}';
    assert.deepEqual(resolveGold(tex, parseGold('concept\tRT', 't'), 'latex', 't').map((s) => s.start), [0]);
  });
});

describe('scorer', () => {
  const gold = [
    { start: 0, end: 5, category: 'drug' },
    { start: 10, end: 15, category: 'tumor' },
    { start: 20, end: 25, category: 'drug' },
  ];
  const pred = [
    { start: 0, end: 5, category: 'drug' }, // exact
    { start: 10, end: 14, category: 'tumor' }, // overlap only
    { start: 30, end: 35, category: 'drug' }, // false mark
    { start: 20, end: 25, category: 'tumor' }, // right span, wrong category
  ];

  it('computes strict precision, recall and F1', () => {
    const { counts, missed, falseMarks } = countDocument(gold, pred, 'strict');
    assert.deepEqual(counts, { tpPred: 1, tpGold: 1, pred: 4, gold: 3 });
    assert.equal(missed.length, 2);
    assert.equal(falseMarks.length, 3);
    const { p, r, f1 } = prf(counts);
    assert.equal(p, 0.25);
    assert.equal(r, 1 / 3);
    assert.ok(Math.abs(f1 - 2 / 7) < 1e-12);
  });

  it('computes overlap precision, recall and F1, and splits the counts by category', () => {
    const { p, r, f1 } = prf(countDocument(gold, pred, 'overlap').counts);
    assert.equal(p, 0.5);
    assert.equal(r, 2 / 3);
    assert.ok(Math.abs(f1 - 4 / 7) < 1e-12);
    const { byCategory, overall } = countByCategory([{ gold, pred }], 'strict');
    assert.deepEqual(byCategory.get('drug'), { tpPred: 1, tpGold: 1, pred: 2, gold: 2 });
    assert.deepEqual(byCategory.get('tumor'), { tpPred: 0, tpGold: 0, pred: 2, gold: 1 });
    assert.deepEqual(overall, { tpPred: 1, tpGold: 1, pred: 4, gold: 3 });
  });

  it('scores an empty document as perfect and a silent one as zero precision', () => {
    assert.deepEqual(prf(countDocument([], [], 'strict').counts), { p: 1, r: 1, f1: 1 });
    assert.deepEqual(prf(countDocument(gold, [], 'strict').counts), { p: 0, r: 0, f1: 0 });
  });
});

describe('abbreviation gold pairs', () => {
  it('every passage has a .abbr.tsv whose short and long forms are written in the passage', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { parseAbbreviationGold } = await import('../../scripts/eval/abbreviations');
    for (const p of noTexts ? [] : loadPassages()) {
      const file = path.join(PASSAGE_DIR, `${p.id}.abbr.tsv`);
      assert.ok(fs.existsSync(file), `${p.id}.abbr.tsv is missing`);
      const flat = p.text.replace(/\s+/g, ' ');
      // A long form may be interrupted by another definition: cyclic GMP-AMP (cGAMP) synthase (cGAS).
      const unbracketed = flat.replace(/\s*\([^()]*\)/g, '');
      for (const pair of parseAbbreviationGold(fs.readFileSync(file, 'utf8'), file)) {
        assert.ok(flat.includes(pair.short) && (flat.includes(pair.long) || unbracketed.includes(pair.long)), `${p.id}: ${pair.short} = ${pair.long} is not in the passage`);
      }
    }
  });
  it('counts a pair found when its short form (plural aside) and long form (case, spaces, dashes aside) match', async () => {
    const { pairKey } = await import('../../scripts/eval/abbreviations');
    assert.equal(pairKey({ short: 'ICIs', long: 'Immune checkpoint  inhibitors' }), pairKey({ short: 'ICI', long: 'immune checkpoint inhibitors' }));
    assert.equal(pairKey({ short: 'NSCLC', long: 'non–small cell lung cancer' }), pairKey({ short: 'NSCLC', long: 'non-small cell lung cancer' }));
    assert.notEqual(pairKey({ short: 'PD-1', long: '程序性死亡受体-1' }), pairKey({ short: 'PD-1', long: '免疫卡控点分子程序性死亡受体-1' }));
  });
});
