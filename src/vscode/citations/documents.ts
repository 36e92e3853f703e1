/** Which documents cite, and in which syntax: shared by citation completion, hover and diagnostics. */
import type * as vscode from 'vscode';
import { citationSyntaxFor } from '../../core/citations/citationSyntax';
import { EDITOR_LANGUAGES } from '../../core/text/documentLanguages';
import type { CitationSyntax } from '../../core/citations/citationSyntax';

const CITING_LANGUAGES = EDITOR_LANGUAGES.filter((id) => citationSyntaxFor(id) !== undefined);

/** The documents citation providers serve: citing languages, on disk, untitled or remote. */
export const CITING_SELECTOR: vscode.DocumentSelector = CITING_LANGUAGES.flatMap((language) => [
  { language, scheme: 'file' },
  { language, scheme: 'untitled' },
  { language, scheme: 'vscode-remote' },
]);

/** The citation syntax of a document, or undefined when its language does not cite. */
export function syntaxOf(doc: vscode.TextDocument): CitationSyntax | undefined {
  return citationSyntaxFor(doc.languageId);
}
