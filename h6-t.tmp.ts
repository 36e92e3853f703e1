import { abbreviationsUsedBeforeDefinition, firstUseEdits, firstUseForm } from './src/core/abbreviations';
import { matcherFor } from './src/cli/annotate';
import { annotateDocument } from './src/core/documentAnnotation';
import { indexById } from './src/core/lexicon';
import { loadBuiltinLexicon } from './src/node/builtin';
const lex = loadBuiltinLexicon(); const by = indexById(lex);
for (const text of [
  'PD-L1 is high. Later, programmed death-ligand 1 (PD-L1) is induced.',
  'We saw it. PD-L1 expression is high. Programmed death-ligand 1 (PD-L1) is induced.',
  'MDSCs expand. Myeloid-derived suppressor cells (MDSCs) too.',
  'Tregs expand. Regulatory T cells (Tregs) too; Tregs.',
  'LDRT helps. Low-dose radiotherapy (LDRT) works.',
  'TLR4 binds. The receptor (Toll-Like Receptor 4, TLR4) binds.',
  'PD-L1 rises. PD-L1 (programmed death-ligand 1) is a ligand.',
  'PD-L1 上调。程序性细胞死亡配体 1（PD-L1）表达。',
]) {
  const a = annotateDocument(matcherFor(lex), text, 'markdown');
  for (const x of abbreviationsUsedBeforeDefinition(a.mentions, a.terms, text)) {
    const e = x.local ? undefined : by.get(x.id);
    const w = firstUseForm(x, e, /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en', 'markdown');
    const edits = firstUseEdits(x, w);
    let out = text; for (const ed of [...edits].reverse()) out = out.slice(0, ed.start) + ed.text + out.slice(ed.end);
    console.log(out);
  }
}
