/**
 * The term card: the Markdown shown in a hover and in the card view. All lexicon text is escaped, since a
 * lexicon may come from a workspace someone else wrote; the only links are identifier pages built from
 * validated identifiers and command links to this extension's own commands.
 */
import type { CommandId } from '../ids';
import { COMMANDS, HOVER_COMMANDS } from '../ids';
import type { DocumentTerm } from '../matching/documentTerms';
import type { DocumentMentions } from '../matching/incremental';
import type { Category, Entry, Evidence, IdSystem } from '../lexicon/lexicon';
import { ID_SYSTEMS, ID_SYSTEM_LABELS, identifierUrl } from '../lexicon/lexicon';
import { escapeMarkdown } from './markdown';
import { REGISTRY_PREFIX, registryOf } from '../matching/registryNumbers';

export type DisplayLanguage = 'en' | 'zh';

/** A command link to one of our commands with JSON arguments. */
export function commandLink(label: string, command: CommandId, args?: unknown): string {
  const query = args === undefined ? '' : `?${encodeURIComponent(JSON.stringify([args]))}`;
  return `[${escapeMarkdown(label)}](command:${command}${query})`;
}

const CATEGORY_LABELS: Record<Category, { en: string; zh: string }> = {
  'immune-cell': { en: 'immune cell', zh: '免疫细胞' },
  molecule: { en: 'molecule', zh: '分子' },
  drug: { en: 'drug', zh: '药物' },
  tumor: { en: 'tumour type', zh: '肿瘤类型' },
  concept: { en: 'concept', zh: '概念' },
  trial: { en: 'trial', zh: '临床试验' },
  outcome: { en: 'outcome measure', zh: '结局指标' },
};

export function categoryLabel(c: Category, lang: DisplayLanguage): string {
  return CATEGORY_LABELS[c][lang];
}

const CATEGORY_PLURALS: Record<Category, string> = {
  'immune-cell': 'Immune cells',
  molecule: 'Molecules',
  drug: 'Drugs',
  tumor: 'Tumour types',
  concept: 'Concepts',
  trial: 'Trials',
  outcome: 'Outcome measures',
};

/** A category as a heading (the Lexicon view): "Immune cells"; Chinese has no plural. */
export function categoryPluralLabel(c: Category, lang: DisplayLanguage): string {
  return lang === 'zh' ? CATEGORY_LABELS[c].zh : CATEGORY_PLURALS[c];
}

const RELATION_LABELS: Record<string, { en: string; zh: string }> = {
  targets: { en: 'Targets', zh: '靶点' },
  'targeted-by': { en: 'Drugs', zh: '药物' },
  binds: { en: 'Binds', zh: '结合' },
  'is-a': { en: 'Is a', zh: '属于' },
  'has-subtype': { en: 'Subtypes', zh: '亚类' },
  'produced-by': { en: 'Produced by', zh: '产生细胞' },
  produces: { en: 'Produces', zh: '产生' },
  tests: { en: 'Tests', zh: '试验药物' },
  'tested-in': { en: 'Tested in', zh: '相关试验' },
  related: { en: 'Related', zh: '相关' },
};

const UI = {
  also: { en: 'Also written', zh: '其他写法' },
  brands: { en: 'Brands', zh: '商品名' },
  ids: { en: 'Identifiers', zh: '标识符' },
  evidence: { en: 'Evidence from the review', zh: '综述中的证据' },
  section: { en: 'Section', zh: '第' },
  refs: { en: 'refs', zh: '文献' },
  more: { en: 'more', zh: '更多' },
  search: { en: 'Search lexicon', zh: '搜索术语表' },
  mentions: { en: 'Show mentions', zh: '显示所有出现' },
  insert: { en: 'Insert', zh: '插入' },
  cite: { en: 'Cite evidence', zh: '引用证据' },
  card: { en: 'Open card', zh: '打开卡片' },
  from: { en: 'from', zh: '摘自' },
  noEvidence: { en: 'The review does not mention this term.', zh: '综述中未提及该术语。' },
  documentTerm: { en: 'defined in this document, line {0}', zh: '在本文档第 {0} 行定义' },
  registryNumber: { en: 'registry number · {0}', zh: '注册号 · {0}' },
  registryOpen: { en: 'Open in the registry', zh: '在注册平台中打开' },
  definedAs: { en: 'Defined in this document as “{1}”, line {0}.', zh: '本文档第 {0} 行将其定义为“{1}”。' },
  related: { en: 'Related lexicon entry', zh: '术语表中的相关条目' },
  origin: { en: 'Generated from', zh: '自动生成自' },
  licence: { en: 'licence', zh: '许可' },
} as const;

export interface CardOptions {
  lang: DisplayLanguage;
  /** Entries by id, to name related entries. */
  byId: Map<string, Entry>;
  /** How many evidence sentences to show (all in the card view, a few in a hover). */
  maxEvidence?: number;
  /** Number of mentions of the entry in the current document, for the "show mentions" link. */
  mentionCount?: number;
  /** Include command links (hover and card view). */
  links?: boolean;
  /** Rendering the card view itself: no link to open the card. */
  inCardView?: boolean;
}

/** Renders the card of an entry as Markdown. */
export function renderCard(e: Entry, o: CardOptions): string {
  const { lang } = o;
  const other: DisplayLanguage = lang === 'en' ? 'zh' : 'en';
  const out: string[] = [];
  const kind = e.kind ? ` · ${escapeMarkdown(e.kind)}` : '';
  // A generated entry has its ontology's English only: its card shows that once, in either language.
  const label = e.label[lang] || e.label[other];
  const second = e.label[other] && e.label[other] !== label ? ` · ${escapeMarkdown(e.label[other])}` : '';
  out.push(`**${escapeMarkdown(label)}**${second}  `);
  out.push(`*${escapeMarkdown(categoryLabel(e.category, lang))}${kind}*`);
  for (const d of [e.definition[lang], e.definition[other]]) if (d) out.push('', escapeMarkdown(d));
  if (e.origin) {
    const { source, licence, curie } = e.origin;
    out.push('', `*${UI.origin[lang]} ${escapeMarkdown(source)} (${escapeMarkdown(curie)}; ${UI.licence[lang]} ${escapeMarkdown(licence)})*`);
  }
  const names = [...new Set([...e.abbreviations, ...e.synonyms, ...e.zh].filter((n) => n !== e.label.en && n !== e.label.zh))];
  if (names.length > 0) {
    out.push('');
    out.push(`**${UI.also[lang]}:** ${names.map(escapeMarkdown).join(' · ')}`);
  }
  if (e.brands.length > 0) out.push('', `**${UI.brands[lang]}:** ${e.brands.map(escapeMarkdown).join(' · ')}`);
  const byType = new Map<string, string[]>();
  for (const r of e.relations) {
    const target = o.byId.get(r.id);
    const name = escapeMarkdown(target ? target.label[lang] : r.id);
    const item = o.links ? commandLink(target ? target.label[lang] : r.id, COMMANDS.showEntry, { id: r.id }) : name;
    byType.set(r.type, [...(byType.get(r.type) ?? []), item]);
  }
  for (const [type, items] of byType) {
    // A workspace lexicon names the type: look it up only among our own labels, never the prototype's.
    const label = Object.hasOwn(RELATION_LABELS, type) ? RELATION_LABELS[type][lang] : escapeMarkdown(type);
    out.push('', `**${label}:** ${items.join(' · ')}`);
  }
  const ids = Object.entries(e.ids) as [IdSystem, string][];
  if (ids.length > 0) {
    const parts = ids.map(([sys, v]) => {
      const url = identifierUrl(sys, v);
      const text = `${ID_SYSTEM_LABELS[sys]} ${v}`;
      return url ? `[${escapeMarkdown(text)}](${url})` : escapeMarkdown(text);
    });
    out.push('', `**${UI.ids[lang]}:** ${parts.join(' · ')}`);
  }
  out.push('', `**${UI.evidence[lang]}** (${e.evidence.length})`);
  if (e.evidence.length === 0) out.push('', `*${UI.noEvidence[lang]}*`);
  const max = o.maxEvidence ?? e.evidence.length;
  for (const ev of e.evidence.slice(0, max)) {
    const where = evidencePlace(ev, lang);
    const cited = [...ev.refs.map(String), ...(ev.keys ?? []).map((k) => `@${k}`)];
    const refs = cited.length > 0 ? ` — ${UI.refs[lang]} [${cited.join(', ')}]` : '';
    out.push('', `> ${escapeMarkdown(where)} ${escapeMarkdown(ev.sentence)}${escapeMarkdown(refs)}`);
  }
  if (e.evidence.length > max) {
    const more = `+${e.evidence.length - max} ${UI.more[lang]}`;
    out.push('', o.links ? commandLink(more, COMMANDS.showEntry, { id: e.id }) : escapeMarkdown(more));
  }
  if (o.links) {
    const links = [
      commandLink(UI.search[lang], COMMANDS.searchTerms),
      commandLink(o.mentionCount !== undefined ? `${UI.mentions[lang]} (${o.mentionCount})` : UI.mentions[lang], COMMANDS.showMentions, { id: e.id }),
      commandLink(`${UI.insert[lang]} “${e.label.en}”`, COMMANDS.insertTerm, { id: e.id }),
    ];
    if (!o.inCardView) links.push(commandLink(UI.card[lang], COMMANDS.showEntry, { id: e.id }));
    if (e.evidence.some((ev) => ev.source === undefined && ev.refs.length > 0)) links.push(commandLink(UI.cite[lang], COMMANDS.citeEvidence, { id: e.id }));
    out.push('', '---', '', links.join(' · '));
  }
  return out.join('\n');
}

/**
 * Where a piece of evidence comes from: `§3` for the built-in review, `from smith-2024.md, §3` for a sentence
 * mined from another text (`摘自 smith-2024.md，§3`).
 */
export function evidencePlace(ev: Evidence, lang: 'en' | 'zh'): string {
  const section = ev.section !== '' ? `§${ev.section}` : '';
  if (ev.source === undefined) return section;
  const from = `${UI.from[lang]} ${ev.source}`;
  return section === '' ? `${from}:` : `${from}${lang === 'zh' ? '，' : ', '}${section}`;
}

/** The pages a card may link to: each identifier system's page, with the identifier at the end. */
const ID_PAGE_PREFIXES = ID_SYSTEMS.map((system) => identifierUrl(system, '') ?? '').filter((p) => p !== '');

/** True when a link target is one a card makes: an identifier page or one of our hover commands. */
export function isCardLinkTarget(href: string): boolean {
  const command = /^command:([\w.]+)(?:\?|$)/.exec(href);
  if (command !== null) return (HOVER_COMMANDS as readonly string[]).includes(command[1]);
  return ID_PAGE_PREFIXES.some((prefix) => href.startsWith(prefix) && /^[A-Za-z0-9:%]+$/.test(href.slice(prefix.length)));
}

const HTML_ENTITIES: ReadonlyMap<string, string> = new Map([['amp', '&'], ['quot', '"'], ['lt', '<'], ['gt', '>'], ['#39', "'"]]);

/**
 * Removes from a rendered card (HTML) every link whose target a card does not make, keeping its text. A
 * Markdown renderer may turn text into links by itself (markdown-it's linkify turns `https://…` in a
 * definition into a link when the paragraph holds an `@`); the card view runs this on what it renders, so
 * it links only to identifier pages and our own commands, whatever the renderer does.
 */
export function keepCardLinks(html: string): string {
  return html.replace(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi, (whole: string, attrs: string, text: string) => {
    const href = /\bhref\s*=\s*"([^"]*)"/i.exec(attrs)?.[1];
    const target = href?.replace(/&(amp|quot|lt|gt|#39);/g, (e: string, name: string) => HTML_ENTITIES.get(name) ?? e);
    return target !== undefined && isCardLinkTarget(target) ? whole : text;
  });
}

/** Options of the card of a short form the document defines. */
export interface DocumentTermCardOptions {
  lang: DisplayLanguage;
  /** The 1-based line where the document defines it. */
  line: number;
  /** Entries by id, to name the related entry. */
  byId: Map<string, Entry>;
  /** Include command links (hover). */
  links?: boolean;
}

/**
 * The card of a term the document defines and the lexicon lacks (`Low-dose radiotherapy (LDRT)`): its short
 * and long forms, its category, where the document defines it, and the lexicon entry its head matches.
 */
export function renderDocumentTermCard(t: DocumentTerm, o: DocumentTermCardOptions): string {
  const { lang } = o;
  const out = [`**${escapeMarkdown(t.short)}** · ${escapeMarkdown(t.long)}  `, `*${escapeMarkdown(categoryLabel(t.category, lang))} · ${UI.documentTerm[lang].replace('{0}', String(o.line))}*`];
  const related = t.related !== undefined ? o.byId.get(t.related) : undefined;
  if (related) {
    const name = o.links ? commandLink(related.label[lang], COMMANDS.showEntry, { id: related.id }) : escapeMarkdown(related.label[lang]);
    out.push('', `**${UI.related[lang]}:** ${name}`);
  }
  return out.join('\n');
}

/** The card of a trial registry number the lexicon does not list: the registry, and its page where it has one. */
export function renderRegistryCard(n: string, lang: DisplayLanguage): string {
  const registry = registryOf(n);
  const out = [`**${escapeMarkdown(n)}**  `, `*${escapeMarkdown(categoryLabel('trial', lang))} · ${escapeMarkdown(UI.registryNumber[lang].replace('{0}', registry.name))}*`];
  if (registry.url) out.push('', `[${UI.registryOpen[lang]}](${registry.url(encodeURIComponent(n))})`);
  return out.join('\n');
}

/** The line a hover adds above a lexicon entry's card when the document defines the short form itself. */
export function definedAsNote(t: DocumentTerm, line: number, lang: DisplayLanguage): string {
  return `*${UI.definedAs[lang].replace('{0}', String(line)).replace('{1}', escapeMarkdown(t.long))}*`;
}

/** What a hover card of a mention needs besides the mention. */
export interface MentionCardOptions {
  lang: DisplayLanguage;
  byId: Map<string, Entry>;
  /** The 0-based line of an offset, to say where the document defines a short form. */
  lineOf(offset: number): number;
  /** Include command links (VS Code's hover); other editors cannot run them. */
  links: boolean;
  /** How many review sentences to show. */
  maxEvidence: number;
}

/**
 * The hover card of the mention at `offset` of a document's annotation, with the mention's span: a short form
 * the document defines shows where and as what; a lexicon entry its card, with how often the document names it.
 * Every host's hover (the VS Code extension, the language server) renders this.
 */
export function mentionCardAt(
  mentions: Pick<DocumentMentions, 'at' | 'all' | 'terms'>,
  offset: number,
  o: MentionCardOptions,
): { start: number; end: number; markdown: string } | undefined {
  const m = mentions.at(offset);
  if (!m) return undefined;
  const { lang, byId } = o;
  const term = m.short !== undefined ? mentions.terms.get(m.short) : undefined;
  const line = term ? o.lineOf(term.definedAt) + 1 : 0;
  if (term?.local) return { start: m.start, end: m.end, markdown: renderDocumentTermCard(term, { lang, line, byId, links: o.links }) };
  if (m.id.startsWith(REGISTRY_PREFIX)) return { start: m.start, end: m.end, markdown: renderRegistryCard(m.id.slice(REGISTRY_PREFIX.length), lang) };
  const entry = byId.get(m.id);
  if (!entry) return undefined;
  const count = mentions.all.reduce((n, x) => (x.id === m.id ? n + 1 : n), 0);
  const card = renderCard(entry, { lang, byId, maxEvidence: o.maxEvidence, mentionCount: count, links: o.links });
  return { start: m.start, end: m.end, markdown: term ? `${definedAsNote(term, line, lang)}\n\n${card}` : card };
}
