/** `oncolex lsp`: the language server on stdin/stdout, with Node's file access (src/lsp/server.ts does the rest). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'vscode-languageserver/node';
import type { Connection } from 'vscode-languageserver';
import type { ServerHost } from '../lsp/workspace';
import { startServer } from '../lsp/server';
import { loadBuiltinLexicon } from '../node/builtin';
import { findFiles, readReviewText } from '../node/files';
import { workspaceInflector } from '../node/inflect';
import type { CliIo } from './io';

function folderPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** The server's file access through Node. */
export const nodeServerHost: ServerHost = {
  builtinLexicon: loadBuiltinLexicon,
  findFiles: (folderUri, suffixes) => {
    const root = folderPath(folderUri);
    return root === undefined ? [] : findFiles(root, suffixes);
  },
  resolve: (folderUri, file) => path.resolve(folderPath(folderUri) ?? '.', file),
  readFile: (p) => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  reviewText: readReviewText,
  inflector: () => workspaceInflector,
};

/** Runs the server over stdio; resolves when the client closes the connection. */
export function runLsp(argv: string[], io: CliIo): Promise<number> {
  if (argv.some((a) => a !== '--stdio')) {
    io.err('oncolex lsp: the server speaks LSP over stdin/stdout (--stdio is accepted and is the default)\n');
    return Promise.resolve(2);
  }
  const connection: Connection = createConnection(process.stdin, process.stdout);
  startServer(connection, nodeServerHost);
  return new Promise((resolve) => connection.onExit(() => resolve(0)));
}
