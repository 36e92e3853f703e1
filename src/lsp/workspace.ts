/**
 * What the server knows of the workspace, read through its {@link ServerHost}: the settings, the lexicon
 * (built-in plus workspace lexicons), the bibliographies (BibTeX and CSL-JSON, read by the one reader), and
 * the service over them that every handler asks.
 */
import type { Connection } from 'vscode-languageserver';
import type { Inflector } from '../core/lexicon/build';
import { BibliographyIndex } from '../core/citations/bibliography/keyIndex';
import type { ReadBibliography } from '../core/citations/bibliography/keyIndex';
import { readBibliography } from '../core/citations/bibliography/read';
import type { Entry, Lexicon } from '../core/lexicon/lexicon';
import { indexById } from '../core/lexicon/lexicon';
import { Matcher } from '../core/matching/matcher';
import { createOncoLexService } from '../core/service/service';
import type { OncoLexService } from '../core/service/service';
import type { Settings } from '../core/settings';
import { settingsFrom } from '../core/settings';
import { buildWorkspaceLexicon } from '../core/lexicon/workspaceLexicon';

/** What the server reads from the machine it runs on. */
export interface ServerHost {
  /** The built-in lexicon; `onProblem` as in ExtensionHost.builtinLexicon. */
  builtinLexicon(onProblem?: (message: string) => void): Lexicon;
  /** Files under a workspace folder (a `file:` URI) whose names end with a suffix, as paths. */
  findFiles(folderUri: string, suffixes: readonly string[]): string[];
  /** A path named in a setting, resolved against a workspace folder. */
  resolve(folderUri: string, file: string): string;
  readFile(path: string): string | undefined;
  /** The review text workspace lexicons cite. */
  reviewText(): string;
  /** English inflection for workspace lexicons' entries. */
  inflector(): Inflector;
}

export class ServerWorkspace {
  settings: Settings = settingsFrom(undefined);
  locale = 'en';
  folders: string[] = [];
  private lexicon: Lexicon;
  private matcher: Matcher | undefined;
  private byId: Map<string, Entry> | undefined;
  /** The workspace's bibliographies. */
  readonly bibliographies = new BibliographyIndex();
  readonly service: OncoLexService;

  constructor(
    private readonly host: ServerHost,
    private readonly connection: Connection,
  ) {
    this.lexicon = host.builtinLexicon((m) => connection.console.warn(m));
    this.service = createOncoLexService({
      matcher: () => (this.matcher ??= new Matcher(this.lexicon)),
      lexicon: () => this.lexicon,
      byId: () => (this.byId ??= indexById(this.lexicon)),
      settings: () => this.settings,
      bibliographies: () => this.bibliographies,
      uiLanguage: () => this.locale,
    });
  }

  /** Workspace lexicons (`*.oncolex.json` and `oncolex.lexicon.files`), merged into the built-in lexicon. */
  loadLexicons(): void {
    const builtin = this.host.builtinLexicon();
    const files: { file: string; text: string }[] = [];
    const seen = new Set<string>();
    for (const f of this.folders) {
      const paths = [...this.host.findFiles(f, ['.oncolex.json']), ...this.settings['lexicon.files'].map((p) => this.host.resolve(f, p))];
      for (const p of paths) {
        if (seen.has(p)) continue;
        seen.add(p);
        const text = this.host.readFile(p);
        if (text !== undefined) files.push({ file: p, text });
      }
    }
    if (files.length === 0) this.lexicon = builtin;
    else {
      const built = buildWorkspaceLexicon(files, builtin, this.host.reviewText(), this.host.inflector());
      for (const p of built.problems) this.connection.console.warn(p.message);
      this.lexicon = built.lexicon;
      this.connection.console.info(`workspace lexicons ${files.map((f) => f.file).join(', ')}: ${this.lexicon.entries.length - builtin.entries.length} entries added or replaced`);
    }
    this.matcher = undefined;
    this.byId = undefined;
  }

  /** The workspace's `.bib` files and the files `oncolex.citations.bibFiles` names (BibTeX or CSL-JSON). */
  loadBibliographies(): void {
    const files = new Set<string>();
    for (const f of this.folders) {
      for (const p of this.host.findFiles(f, ['.bib'])) files.add(p);
      for (const c of this.settings['citations.bibFiles']) files.add(this.host.resolve(f, c));
    }
    const read: ReadBibliography[] = [];
    for (const file of files) {
      const text = this.host.readFile(file);
      if (text === undefined) continue;
      const result = readBibliography(file, text);
      if (result.errors.length > 0) this.connection.console.warn(`${file}: ${result.errors.length} broken entries skipped (${result.errors[0].message}, line ${result.errors[0].line})`);
      read.push({ file, result });
    }
    this.bibliographies.replace(read);
  }
}
