/** The part of citeproc-js (the `citeproc` package, which ships no types) that csl.ts uses. */
declare module 'citeproc' {
  interface CitationSys {
    retrieveLocale(lang: string): unknown;
    retrieveItem(id: string): unknown;
  }
  interface Engine {
    setOutputFormat(format: 'text' | 'html' | 'rtf'): void;
    updateItems(ids: string[]): void;
    /** `entry_ids` holds each entry's item id (as a one-element list), in the order of the strings. */
    makeBibliography(): [{ entry_ids: (string | string[])[] }, string[]] | false;
  }
  const CSL: { Engine: new (sys: CitationSys, style: unknown, lang?: string, forceLang?: boolean) => Engine };
  export default CSL;
}
