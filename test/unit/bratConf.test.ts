import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main';
import { annotationConf, mergeConf, visualConf } from '../../src/cli/formats/brat';
import { contributes } from '../../package.json';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-brat-'));

async function bratInto(outDir: string, text: string): Promise<number> {
  const input = path.join(dir, 'paper.md');
  fs.writeFileSync(input, text);
  return main(['annotate', '--format', 'brat', '--jobs', '1', '--out-dir', outDir, input], { out: () => {}, err: () => {}, stdin: Readable.from([]) });
}

/** The sections of a brat conf file: section → its lines (comments and blank lines left out). */
function sections(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  let current = '';
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^\[(.*)\]$/.exec(line);
    if (m) map.set((current = m[1]), map.get(m[1]) ?? []);
    else map.get(current)?.push(line);
  }
  return map;
}

describe('brat output: annotation.conf and visual.conf beside the .ann files', () => {
  const text = 'We gave stereotactic body radiotherapy (SBRT) with PD-1 blockade and nivolumab to CD8+ T cells in melanoma; SBRT was safe.\n';

  it('declares every entity and relation type the .ann uses, and lets our spans overlap (brat rejects undeclared types)', async () => {
    const out = path.join(dir, 'fresh');
    assert.equal(await bratInto(out, text), 0);
    const ann = fs.readFileSync(path.join(out, 'paper.ann'), 'utf8');
    const conf = sections(fs.readFileSync(path.join(out, 'annotation.conf'), 'utf8'));
    const entities = new Set(conf.get('entities'));
    const relations = new Set(conf.get('relations')!.map((l) => l.split(' ')[0]));
    const used = ann.split('\n').filter((l) => /^[TR]\d/.test(l));
    assert.ok(used.some((l) => l.startsWith('R')), 'the sample defines an abbreviation');
    for (const line of used) {
      const type = line.split('\t')[1].split(' ')[0];
      assert.ok(line.startsWith('T') ? entities.has(type) : relations.has(type), `${type} (${line}) is not declared`);
    }
    assert.ok(relations.has('<OVERLAP>'));
    // The short form is both a mention and an Abbreviation span: identical spans of two types.
    assert.match(ann, /\tconcept 40 44\tSBRT/);
    assert.match(ann, /\tAbbreviation 40 44\tSBRT/);
  });

  it("colours each category as the editor does (package.json's colours)", async () => {
    const out = path.join(dir, 'colours');
    await bratInto(out, text);
    const drawing = sections(fs.readFileSync(path.join(out, 'visual.conf'), 'utf8')).get('drawing')!;
    const drug = contributes.colors.find((c) => c.id === 'oncolex.drug')!.defaults.dark;
    const immune = contributes.colors.find((c) => c.id === 'oncolex.immuneCell')!.defaults.dark;
    assert.ok(drawing.includes(`drug\tbgColor:${drug}`), drawing.join('\n'));
    assert.ok(drawing.includes(`immune-cell\tbgColor:${immune}`));
    assert.equal(visualConf()[1][1].length, annotationConf()[0][1].length);
  });

  it('merges into an annotation.conf or visual.conf already there: the user keeps every line, ours are added once', async () => {
    const out = path.join(dir, 'merge');
    fs.mkdirSync(out, { recursive: true });
    const mine = '# my project\n[entities]\nProtein\ndrug\n\n[relations]\nEquiv Arg1:Protein, Arg2:Protein, <REL-TYPE>:symmetric-transitive\n[events]\n[attributes]\n';
    fs.writeFileSync(path.join(out, 'annotation.conf'), mine);
    fs.writeFileSync(path.join(out, 'visual.conf'), '[labels]\n[drawing]\ndrug\tbgColor:#000000\n');
    await bratInto(out, text);
    const merged = fs.readFileSync(path.join(out, 'annotation.conf'), 'utf8');
    // Every line of the user's file is still there, in order.
    const lines = merged.split('\n');
    let k = 0;
    for (const l of mine.split('\n')) k = lines.indexOf(l, k) + 1;
    assert.ok(k > 0 && mine.split('\n').every((l) => lines.includes(l)));
    const entities = sections(merged).get('entities')!;
    assert.deepEqual(entities.filter((e) => e === 'drug'), ['drug']);
    assert.ok(entities.includes('Protein') && entities.includes('tumor') && entities.includes('LongForm'));
    assert.ok(sections(merged).get('relations')!.some((l) => l.startsWith('Abbreviation ')));
    // The user's colour for drug stays; the other categories get ours.
    const drawing = sections(fs.readFileSync(path.join(out, 'visual.conf'), 'utf8')).get('drawing')!;
    assert.deepEqual(drawing.filter((l) => l.startsWith('drug\t')), ['drug\tbgColor:#000000']);
    assert.ok(drawing.some((l) => l.startsWith('tumor\t')));
    // A second run changes nothing.
    await bratInto(out, text);
    assert.equal(fs.readFileSync(path.join(out, 'annotation.conf'), 'utf8'), merged);
    assert.equal(mergeConf(merged, annotationConf()), merged);
  });
});
