/**
 * Builds the runtime lexicon from the curated sources and the review: forms with their variants,
 * inverse relations, and the review's evidence for each entry. Pure and deterministic; the script
 * scripts/build-lexicon.ts does the file I/O and supplies the English inflector (compromise).
 */
import type { Entry, Evidence, Form, GeneratedSource, GeneratedSourceEntry, IdSystem, Lexicon, Relation, SourceEntry, SourceEvidence } from './lexicon';
import { CATEGORIES, INVERSE_RELATION, LexiconError } from './lexicon';
import { Matcher } from '../matching/matcher';
import { formsDigest } from '../matching/matcherTables';
import { foldForm, hyphenatedCellName, spellingVariants } from '../text/normalize';
import { chineseVariants, familyChineseName } from './chineseVariants';
import { radionuclideNames, radionuclideSymbols } from './englishVariants';
import { formKey, withoutGenericHead } from './forms';
import { addRuleForms } from './ruleForms';
import { reviewSentences } from './review';

/** Gives the other number of an English noun phrase (plural for singular, and back); may return nothing. */
export type Inflector = (phrase: string) => string[];

export interface BuildInput {
  /** Sources as validated, with the file each came from. */
  sources: { file: string; entries: SourceEntry[] }[];
  review: string;
  inflect: Inflector;
  /** The generated tier (generated/ontology-tier.json), if any: added after the curated entries. */
  generated?: { sources: GeneratedSource[]; entries: GeneratedSourceEntry[] };
}

const HAN = /\p{Script=Han}/u;

/** Forms written in plain Latin lower case with a last word of letters only can take an English plural. */
function inflectable(form: string): boolean {
  if (HAN.test(form)) return false;
  const last = form.split(/[\s-]/).pop() ?? '';
  return /^[a-z]{3,}$/.test(last);
}

/** Abbreviations that end in a capital letter take a plural s (Tregs, DCs, MDSCs, ICIs, TILs). */
function abbreviationPlural(abbr: string): string | undefined {
  if (/[A-Z]$/.test(abbr) && abbr.length >= 2 && !/S$/.test(abbr)) return `${abbr}s`;
  if (/^T(?:reg|h\d+)$/.test(abbr)) return `${abbr}s`;
  return undefined;
}

/** A lexicon entry from a source entry, its forms and its relations (absent lists become empty). */
export function toEntry(e: SourceEntry, forms: Form[], relations: Relation[]): Entry {
  return {
    id: e.id,
    category: e.category,
    ...(e.kind !== undefined ? { kind: e.kind } : {}),
    ...(e.generic === true ? { generic: true } : {}),
    ...(e.status !== undefined ? { status: e.status } : {}),
    label: e.label,
    abbreviations: e.abbreviations ?? [],
    synonyms: e.synonyms ?? [],
    zh: e.zh ?? [],
    brands: e.brands ?? [],
    definition: e.definition,
    relations,
    ids: e.ids ?? {},
    forms,
    evidence: (e.evidence ?? []).map(toEvidence),
  };
}

/** Built evidence from the evidence a source file states. */
function toEvidence(ev: SourceEvidence): Evidence {
  return {
    section: ev.section ?? '',
    sectionTitle: ev.sectionTitle ?? '',
    sentence: ev.sentence,
    refs: ev.refs ?? [],
    ...(ev.keys !== undefined && ev.keys.length > 0 ? { keys: ev.keys } : {}),
    ...(ev.source !== undefined ? { source: ev.source } : {}),
    ...(ev.line !== undefined ? { line: ev.line } : {}),
  };
}

/** The forms of one source entry, variants included, deduplicated in a stable order. */
export function entryForms(e: SourceEntry, inflect: Inflector): Form[] {
  const forms: Form[] = [];
  const seen = new Set<string>();
  const add = (form: string, sensitive: boolean) => {
    // A generic head stays outside the mention: [PACIFIC] trial, [cGAS-STING] pathway, [PD-1/PD-L1] axis.
    const name = withoutGenericHead(form);
    const text = name ?? form;
    const caseSensitive = name !== undefined ? !/[a-z]/.test(name) : sensitive;
    const key = formKey({ text, caseSensitive });
    if (foldForm(text, false) === '' || seen.has(key)) return;
    seen.add(key);
    forms.push({ text, caseSensitive });
  };
  const allowInflection = e.inflect ?? true;
  const names = [e.label.en, ...(e.synonyms ?? []), ...(e.brands ?? [])];
  for (const abbr of e.abbreviations ?? []) {
    for (const v of spellingVariants(abbr)) {
      add(v, true);
      const p = allowInflection ? abbreviationPlural(v) : undefined;
      if (p) add(p, true);
    }
  }
  const abbreviations = new Set(e.abbreviations ?? []);
  for (const name of names) {
    // A name written like an abbreviation or an acronym (PD-L1 as a label, PACIFIC) is matched case-sensitively:
    // "Pacific" is not the trial.
    const caseSensitive = abbreviations.has(name) || !/[a-z]/.test(name);
    for (const v of spellingVariants(name)) {
      if (caseSensitive) {
        add(v, true);
        continue;
      }
      add(v, false);
      if (allowInflection && inflectable(v)) {
        for (const x of inflect(v)) {
          add(x, false);
          add(hyphenatedCellName(x), false);
        }
      }
    }
  }
  for (const zh of [e.label.zh, ...(e.zh ?? [])]) for (const v of spellingVariants(zh)) add(v, false);
  return forms;
}

/** Builds the lexicon. Throws one {@link LexiconError} listing every problem (ids, relations, clashes). */
export function buildLexicon(input: BuildInput): Lexicon {
  const { lexicon, problems } = buildLexiconReport(input);
  if (problems.length > 0) {
    const err = new LexiconError(problems[0].file, problems[0].entry, problems[0].field, problems[0].problem);
    err.message = problems.map((p) => p.message).join('\n');
    throw err;
  }
  return lexicon;
}

/**
 * Builds what can be built and reports the rest: a relation to an unknown entry, a duplicate id or a
 * clashing form is left out with a {@link LexiconError}. `knownIds` are entries outside these sources
 * (the built-in lexicon, for a workspace lexicon) that relations may point to.
 */
export function buildLexiconReport(input: BuildInput, knownIds: ReadonlySet<string> = new Set()): { lexicon: Lexicon; problems: LexiconError[] } {
  const problems: LexiconError[] = [];
  // `index` is the entry's position in its source's entries, so that a problem can name its line.
  const byId = new Map<string, { e: SourceEntry; file: string; index: number }>();
  for (const { file, entries } of input.sources) {
    entries.forEach((e, index) => {
      const prev = byId.get(e.id);
      if (prev) problems.push(new LexiconError(file, e.id, 'id', `duplicate id (also in ${prev.file})`, index));
      else byId.set(e.id, { e, file, index });
    });
  }
  // Relations, with their inverses.
  const relations = new Map<string, Relation[]>();
  // A set of the pairs already added keeps this linear when thousands of entries relate to one.
  const added = new Set<string>();
  const addRelation = (from: string, r: Relation) => {
    const pair = `${from}\u0000${r.type}\u0000${r.id}`;
    if (added.has(pair)) return;
    added.add(pair);
    const list = relations.get(from);
    if (list === undefined) relations.set(from, [r]);
    else list.push(r);
  };
  for (const [id, { e, file, index }] of byId) {
    if (e.extends !== undefined && !knownIds.has(e.extends)) {
      problems.push(new LexiconError(file, id, 'extends', `'${e.extends}' is not a built-in entry`, index));
    }
    for (const r of e.relations ?? []) {
      if (!byId.has(r.id) && !knownIds.has(r.id)) {
        problems.push(new LexiconError(file, id, 'relations', `'${r.type}' points to unknown entry '${r.id}'`, index));
        continue;
      }
      if (r.id === id) {
        problems.push(new LexiconError(file, id, 'relations', 'an entry cannot relate to itself', index));
        continue;
      }
      addRelation(id, r);
      addRelation(r.id, { type: INVERSE_RELATION[r.type], id });
    }
  }
  // Forms; one folded form belongs to one entry.
  const ordered = [...byId.values()].sort(
    (a, b) => CATEGORIES.indexOf(a.e.category) - CATEGORIES.indexOf(b.e.category) || a.e.id.localeCompare(b.e.id),
  );
  const owner = new Map<string, string>();
  const entries: Entry[] = [];
  for (const { e, file, index } of ordered) {
    const forms = entryForms(e, input.inflect).filter((f) => {
      const key = formKey(f);
      const other = owner.get(key);
      if (other !== undefined && other !== e.id) {
        problems.push(new LexiconError(file, e.id, 'forms', `form '${f.text}' also belongs to '${other}'`, index));
        return false;
      }
      owner.set(key, e.id);
      return true;
    });
    entries.push(toEntry(e, forms, (relations.get(e.id) ?? []).sort((a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id))));
  }
  addRuleForms(entries, owner);
  addEvidence(entries, input.review);
  if (input.generated) entries.push(...generatedEntries(input.generated, owner));
  // Which built-in entry each entry extends (an unknown one is reported above, and the entry stands alone).
  const extensions = new Map<string, string>();
  for (const { e } of byId.values()) if (e.extends !== undefined && knownIds.has(e.extends)) extensions.set(e.id, e.extends);
  return { lexicon: { source: 'built-in', entries, ...(extensions.size > 0 ? { extensions } : {}) }, problems };
}

/** The regular plural of a name's last word (`dendritic cell` → `dendritic cells`, `sarcoma` → `sarcomas`), if it is singular. */
function regularPlural(name: string): string | undefined {
  if (/(?:s|x|ch|sh)$/.test(name)) return undefined;
  if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
  return `${name}s`;
}

/**
 * A symbol written as letters and a number also appears with a hyphen: IL6 → IL-6, ZAP70 → ZAP-70, SHP2 → SHP-2.
 * Not CD molecules: `CD-22` is a journal's code, never CD22.
 */
function hyphenated(symbol: string): string | undefined {
  const m = /^([A-Z]{2,5})(\d{1,3})$/.exec(symbol);
  return m && m[1] !== 'CD' ? `${m[1]}-${m[2]}` : undefined;
}

/**
 * The entries of the generated tier, after the curated ones: a form a curated entry has stays the curated
 * entry's (curated entries always win), and a form two generated entries share is the one's whose label it is,
 * else neither's. Symbols are
 * matched case-sensitively; names case-insensitively, cell and cancer names with their regular English plural
 * (a rule, not the inflector: the tier's names are head nouns like `cell`, `carcinoma`, `leukemia`).
 */
export function generatedEntries(tier: NonNullable<BuildInput['generated']>, curated: ReadonlyMap<string, string>): Entry[] {
  const sources = new Map(tier.sources.map((s) => [s.key, s]));
  const formsOf = tier.entries.map((g) => {
    const forms: Form[] = [];
    const seen = new Set<string>();
    const add = (text: string, caseSensitive: boolean) => {
      const key = formKey({ text, caseSensitive });
      if (foldForm(text, false) === '' || seen.has(key)) return;
      seen.add(key);
      forms.push({ text, caseSensitive });
    };
    for (const sym of [...g.symbols, ...g.names.flatMap(radionuclideSymbols)]) {
      for (const v of spellingVariants(sym)) add(v, true);
      const h = hyphenated(sym);
      if (h) add(h, true);
    }
    const zh = g.category === 'molecule' ? familyChineseName(g.label) : undefined;
    for (const z of [...(g.zh ?? []), ...(zh ? [zh] : [])]) for (const v of chineseVariants(z)) add(v, false);
    for (const name of [...g.names, ...g.names.flatMap(radionuclideNames)]) {
      for (const v of spellingVariants(name)) {
        add(v, false);
        const p = (g.category === 'immune-cell' || g.category === 'tumor') && inflectable(v) ? regularPlural(v) : undefined;
        if (p) add(p, false);
      }
    }
    return forms;
  });
  // Who may have each form: the one entry whose label it is (or its plural), else the one entry that has it.
  const claims = new Map<string, number>();
  const labels = new Map<string, number>();
  formsOf.forEach((forms, i) => {
    const label = new Set([tier.entries[i].label, regularPlural(tier.entries[i].label)].map((l) => l && foldForm(l, false)));
    for (const f of forms) {
      const key = formKey(f);
      claims.set(key, (claims.get(key) ?? 0) + 1);
      if (label.has(foldForm(f.text, false))) labels.set(key, labels.has(key) ? -1 : i);
    }
  });
  const owns = (f: Form, i: number) => {
    const l = labels.get(formKey(f));
    return l === undefined ? claims.get(formKey(f)) === 1 : l === i;
  };
  // A curated form wins whatever the case: a generated `TNFA` never takes the curated `TNFa`.
  const curatedFolds = new Set([...curated.keys()].map((k) => foldForm(k.slice(1), false)));
  // So does a curated short form's singular or plural: a generated symbol `TAM` (transient abnormal
  // myelopoiesis) never takes the `TAM` a reader of `TAMs` (tumour-associated macrophages) means.
  const taken = (f: Form) =>
    curatedFolds.has(foldForm(f.text, false)) ||
    (f.caseSensitive && (curatedFolds.has(foldForm(`${f.text}s`, false)) || (f.text.endsWith('s') && curatedFolds.has(foldForm(f.text.slice(0, -1), false)))));
  const out: Entry[] = [];
  tier.entries.forEach((g, i) => {
    // A generated entry whose label a curated entry has is that entry (CTLA4, IL10, macrophage): it adds nothing.
    if (curatedFolds.has(foldForm(g.label, false)) || curatedFolds.has(foldForm(regularPlural(g.label) ?? g.label, false))) return;
    const forms = formsOf[i].filter((f) => !taken(f) && owns(f, i));
    if (forms.length === 0) return;
    const src = sources.get(g.source);
    const system = g.curie.slice(0, g.curie.indexOf(':')).toLowerCase() as IdSystem;
    out.push({
      id: g.id,
      category: g.category,
      kind: g.kind,
      tier: 'generated',
      origin: { source: src ? `${src.name} ${src.version}` : g.source, licence: src?.licence ?? 'unknown', curie: g.curie },
      label: { en: g.label, zh: g.zh?.[0] ?? ((g.category === 'molecule' && familyChineseName(g.label)) || '') },
      abbreviations: g.symbols,
      synonyms: g.names.filter((n) => n !== g.label),
      zh: g.zh?.slice(1) ?? [],
      brands: [],
      definition: { en: g.definition, zh: '' },
      relations: [],
      ids: { [system]: g.curie, ...(g.ncit !== undefined ? { ncit: g.ncit } : {}) },
      forms,
      evidence: [],
    });
  });
  return out;
}

/**
 * Merges workspace lexicon entries into the built-in lexicon. A workspace entry with the id of a built-in
 * one replaces it; a form both claim goes to the workspace entry (the author's own lexicon wins); relations
 * between the two are completed both ways. The built-in entries are copied, never changed.
 */
export function mergeLexicons(builtin: Lexicon, workspace: Lexicon, source: string): Lexicon {
  // An entry that extends a built-in one gives it its forms and evidence (its own evidence first: it is what
  // the author mined from the text they work on) and is not an entry of its own.
  const extensions = workspace.extensions ?? new Map<string, string>();
  const added = new Map<string, Entry[]>();
  for (const e of workspace.entries) {
    const target = extensions.get(e.id);
    if (target === undefined) continue;
    const list = added.get(target);
    if (list === undefined) added.set(target, [e]);
    else list.push(e);
  }
  if (added.size > 0) {
    builtin = {
      ...builtin,
      entries: builtin.entries.map((b) => {
        const more = added.get(b.id);
        if (more === undefined) return b;
        const keys = new Set(b.forms.map(formKey));
        const forms = [...b.forms];
        for (const f of more.flatMap((m) => m.forms)) {
          if (!keys.has(formKey(f))) {
            keys.add(formKey(f));
            forms.push(f);
          }
        }
        return { ...b, forms, evidence: [...more.flatMap((m) => m.evidence.filter((ev) => ev.source !== undefined)), ...b.evidence] };
      }),
    };
    workspace = { ...workspace, entries: workspace.entries.filter((e) => !extensions.has(e.id)) };
  }
  const replaced = new Set(workspace.entries.map((e) => e.id));
  const claimed = new Set<string>();
  for (const e of workspace.entries) for (const f of e.forms) claimed.add(formKey(f));
  const inverse = new Map<string, Relation[]>();
  for (const e of workspace.entries) {
    for (const r of e.relations) {
      if (replaced.has(r.id)) continue; // already both ways inside the workspace lexicon
      const list = inverse.get(r.id);
      if (list === undefined) inverse.set(r.id, [{ type: INVERSE_RELATION[r.type], id: e.id }]);
      else list.push({ type: INVERSE_RELATION[r.type], id: e.id });
    }
  }
  const kept = builtin.entries
    .filter((e) => !replaced.has(e.id))
    .map((e) => {
      const forms = e.forms.filter((f) => !claimed.has(formKey(f)));
      const extra = inverse.get(e.id) ?? [];
      return forms.length === e.forms.length && extra.length === 0 ? e : { ...e, forms, relations: [...e.relations, ...extra] };
    });
  return { source, entries: [...kept, ...workspace.entries] };
}

/** Attaches to each entry the review sentences that mention it. */
function addEvidence(entries: Entry[], review: string): void {
  const matcher = new Matcher(entries);
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const s of reviewSentences(review)) {
    const ids = new Set(matcher.annotate(s.text, 'plain').map((m) => m.id));
    for (const id of ids) {
      const ev: Evidence = { section: s.section, sectionTitle: s.sectionTitle, sentence: s.text, refs: s.refs };
      byId.get(id)!.evidence.push(ev);
    }
  }
}

/**
 * Serializes the lexicon deterministically (what scripts/build-lexicon.ts writes), with the digest of its
 * forms, which tells the matcher tables built from it (scripts/build-tables.ts) from stale ones.
 */
export function serializeLexicon(lexicon: Lexicon): string {
  const generatedBy = 'scripts/build-lexicon.ts from data/lexicon/*.json, data/review/ and generated/ontology-tier.json — do not edit';
  return `${JSON.stringify({ generatedBy, formsDigest: formsDigest(lexicon.entries), entries: lexicon.entries }, null, 1)}\n`;
}
