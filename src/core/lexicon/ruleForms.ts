/**
 * Forms an entry gets by rule from its own names and from other entries, after the forms its source states
 * (build.ts): Chinese and English spelling variants, a drug class named with its target's names, an
 * abbreviation capitalised at a sentence start. A rule form never takes a form an entry has and never raises a
 * clash: `owner` (form key → entry id) says which forms are taken. Pure and deterministic.
 */
import type { Entry } from './lexicon';
import { spellingVariants } from '../text/normalize';
import { chineseVariants } from './chineseVariants';
import { englishVariants } from './englishVariants';
import { formKey, withoutGenericHead } from './forms';

const HAN = /\p{Script=Han}/u;

/** Gives `e` the form `text` unless an entry has it already (the first to claim a form owns it). */
function claim(e: Entry, owner: Map<string, string>, text: string, caseSensitive: boolean): void {
  const key = formKey({ text, caseSensitive });
  if (owner.has(key)) return;
  owner.set(key, e.id);
  e.forms.push({ text, caseSensitive });
}

/** Adds every rule's forms to `entries`, in a fixed order (the first rule to give a form owns it). */
export function addRuleForms(entries: Entry[], owner: Map<string, string>): void {
  addChineseVariants(entries, owner);
  addTargetClassNames(entries, owner);
  addEnglishVariants(entries, owner);
  addRtNames(entries, owner);
  addSentenceInitialAbbreviations(entries, owner);
}

/** A technique named with radiotherapy or radiation therapy after one word or more. */
const RADIOTHERAPY_NAME = /^([a-z0-9][\w-]*(?:[ -][\w-]+)*?[a-z0-9]) (?:radiotherapy|radiation therapy)$/i;

/**
 * A radiotherapy technique is written with RT for radiotherapy (docs/annotation.md §3.5: `whole-brain RT`,
 * `Three-dimensional conformal RT`, `low-dose RT`): that spelling of each curated concept's name is a form of it,
 * where no entry has it. Case-insensitive as the name is.
 */
function addRtNames(entries: Entry[], owner: Map<string, string>): void {
  for (const e of entries) {
    if (e.category !== 'concept' || e.tier === 'generated') continue;
    for (const form of [...e.forms]) {
      if (form.caseSensitive) continue;
      const m = RADIOTHERAPY_NAME.exec(form.text);
      if (m === null || !/[a-z]{3}/i.test(m[1])) continue;
      const text = `${m[1]} RT`;
      claim(e, owner, text, false);
    }
  }
}

/**
 * The Chinese variants of each entry's Chinese names by rule (chineseVariants.ts), as forms of that entry
 * where no entry has them yet: a variant never takes a form an entry states, and never raises a clash.
 */
function addChineseVariants(entries: Entry[], owner: Map<string, string>): void {
  for (const e of entries) {
    for (const zh of [e.label.zh, ...e.zh]) {
      for (const v of chineseVariants(zh)) {
        // A name with a generic head (PACIFIC 研究) is matched without it, as entryForms made it.
        if (withoutGenericHead(v) !== undefined) continue;
        for (const text of spellingVariants(v)) {
          claim(e, owner, text, false);
        }
      }
    }
  }
}

/**
 * The English variants of each entry's case-insensitive Latin forms by rule (englishVariants.ts: British and
 * American spelling, Ag for antigen after a word), as forms of that entry where no entry has them yet.
 */
function addEnglishVariants(entries: Entry[], owner: Map<string, string>): void {
  for (const e of entries) {
    for (const form of [...e.forms]) {
      if (form.caseSensitive || HAN.test(form.text)) continue;
      for (const text of englishVariants(form.text)) {
        claim(e, owner, text, false);
      }
    }
  }
}

/** The heads a drug class named after its target takes after each name of the target (docs/annotation.md §3.5). */
const TARGET_CLASS_HEADS = ['inhibitor', 'inhibitors', 'blockade', 'blocker', 'blockers'];

/**
 * A drug class named after its target (`PD-1 inhibitor`, which `targets` PD-1) is written with every name of
 * its target: `programmed cell death 1 inhibitors`, `cytotoxic T-lymphocyte antigen 4 blockade`,
 * `anti-programmed cell death protein 1`, `PD-1 inhibition`,
 * 程序性死亡受体 1 抑制剂. Adds those as forms of the class where no entry has them; the target's symbols are
 * left out (the class lists the spellings of `PD-1 inhibitor` it has), and so are its inflected forms.
 */
function addTargetClassNames(entries: Entry[], owner: Map<string, string>): void {
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const e of entries) {
    if (e.category !== 'drug') continue;
    const targets = e.relations.filter((r) => r.type === 'targets');
    const target = targets.length === 1 ? byId.get(targets[0].id) : undefined;
    if (target === undefined || target.category !== 'molecule' || e.label.en.toLowerCase() !== `${target.label.en} inhibitor`.toLowerCase()) continue;
    const add = (text: string) => {
      for (const v of spellingVariants(text)) {
        claim(e, owner, v, false);
      }
    };
    const symbols = new Set(target.abbreviations);
    for (const name of [target.label.en, ...target.synonyms]) {
      // `PD-1 inhibition` as `checkpoint inhibition` is the class.
      add(`${name} inhibition`);
      if (symbols.has(name) || !/[a-z]{3}/.test(name)) continue;
      for (const head of TARGET_CLASS_HEADS) add(`${name} ${head}`);
      add(`anti-${name}`);
    }
    for (const symbol of target.abbreviations) add(`${symbol} inhibition`);
    for (const zh of [target.label.zh, ...target.zh]) if (HAN.test(zh)) add(`${zh}抑制剂`);
  }
}

/**
 * An abbreviation that begins with a small letter before capitals (`irAEs`, `iCCA`) is capitalised at the start
 * of a sentence (`IrAEs are common`): that spelling is a form of the entry too, where no entry has it. Not
 * where capitalising leaves no small letter but a plural `s` (`pCR` would be PCR, `cDCs` CDCs: other names).
 */
function addSentenceInitialAbbreviations(entries: Entry[], owner: Map<string, string>): void {
  for (const e of entries) {
    for (const form of [...e.forms]) {
      // Two capitals at least: an abbreviation (irAE), not a unit (cGy).
      if (!form.caseSensitive || !/^[a-z]{1,2}[A-Z][^A-Z]*[A-Z]/.test(form.text)) continue;
      const text = form.text.charAt(0).toUpperCase() + form.text.slice(1);
      // A small letter must remain besides a plural `s`: cDCs would be CDCs, the disease-control centres.
      if (!/[a-z]/.test(text.replace(/s$/, ''))) continue;
      claim(e, owner, text, true);
    }
  }
}
