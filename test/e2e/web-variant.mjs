// Packages the web-only variant of the extension for the e2e test: the packaged .vsix with `main` removed
// (and dist/extension.js left out), so that VS Code can only run its `browser` entry (dist/web.js) in the
// web worker extension host, as vscode.dev does. Its display name says so, and the e2e script installs it in
// an extensions folder of its own, so the desktop build is never installed beside it.
// Usage: node test/e2e/web-variant.mjs IN.vsix OUT.vsix
import { createRequire } from 'node:module';
import * as fs from 'node:fs';

// The zip libraries vsce itself writes .vsix files with (dependencies of the pinned @vscode/vsce).
const vsceRequire = createRequire(createRequire(import.meta.url).resolve('@vscode/vsce/package.json'));
const yauzl = vsceRequire('yauzl');
const yazl = vsceRequire('yazl');

const WEB_DISPLAY_NAME = 'OncoLex (web only)';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node test/e2e/web-variant.mjs IN.vsix OUT.vsix');
  process.exit(2);
}

/** @param {Buffer} buf */
function webManifest(buf) {
  const pkg = JSON.parse(buf.toString('utf8'));
  if (!pkg.browser) throw new Error(`${input}: package.json has no 'browser' entry`);
  delete pkg.main;
  pkg.displayName = WEB_DISPLAY_NAME;
  return Buffer.from(JSON.stringify(pkg, null, 2));
}

/** @param {Buffer} buf */
function webVsixManifest(buf) {
  const xml = buf.toString('utf8');
  const out = xml
    .replace(/(Id="Microsoft\.VisualStudio\.Code\.ExtensionKind" Value=")[^"]*"/, '$1web"')
    .replace(/<DisplayName>[^<]*<\/DisplayName>/, `<DisplayName>${WEB_DISPLAY_NAME}</DisplayName>`);
  if (!out.includes('ExtensionKind" Value="web"')) throw new Error(`${input}: extension.vsixmanifest has no ExtensionKind property`);
  return Buffer.from(out);
}

const zipOut = new yazl.ZipFile();
const seen = new Set();
await new Promise((resolve, reject) => {
  yauzl.open(input, { lazyEntries: true }, (err, zip) => {
    if (err) return reject(err);
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (e) => {
      if (/\/$/.test(e.fileName) || e.fileName === 'extension/dist/extension.js' || e.fileName === 'extension/dist/extension.js.map') {
        zip.readEntry();
        return;
      }
      zip.openReadStream(e, (err2, stream) => {
        if (err2) return reject(err2);
        const chunks = [];
        stream.on('data', (c) => chunks.push(c));
        stream.on('error', reject);
        stream.on('end', () => {
          let buf = Buffer.concat(chunks);
          try {
            if (e.fileName === 'extension/package.json') buf = webManifest(buf);
            else if (e.fileName === 'extension.vsixmanifest') buf = webVsixManifest(buf);
          } catch (err3) {
            return reject(err3);
          }
          seen.add(e.fileName);
          zipOut.addBuffer(buf, e.fileName);
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
});
for (const required of ['extension/package.json', 'extension.vsixmanifest', 'extension/dist/web.js']) {
  if (!seen.has(required)) throw new Error(`${input} has no ${required}`);
}
zipOut.end();
await new Promise((resolve, reject) => {
  zipOut.outputStream.pipe(fs.createWriteStream(output)).on('close', resolve).on('error', reject);
});
console.log(`${output}: ${seen.size} files, no 'main'`);
