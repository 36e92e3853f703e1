#!/usr/bin/env bash
# `npm start`: OncoLex in a browser-based VS Code, for newcomers with no VS Code installed.
# Builds the extension, sets up code-server 4.100.0 if needed (first run: a few minutes), installs the
# .vsix and opens a scratch copy of the example manuscripts (so what you type never changes the tracked
# examples/), with review-section.md in front and none of VS Code's first-run pages: no walkthrough, no
# welcome page, no git pop-up about the repository around the copy. Binds to 127.0.0.1 only: no password
# is asked because nothing outside this machine can connect. Runs until Ctrl+C.
# PORT=8080 npm start picks the port; the default is the first free one from 8080 up.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CACHE="${ONCOLEX_E2E_CACHE:-$ROOT/.e2e-cache}"
mkdir -p "$CACHE/logs"

echo "[start] building the extension"
npm run --silent build
echo "[start] setting up code-server (cached in $CACHE; the first run takes a few minutes)"
ENTRY="$(bash scripts/e2e-setup.sh | tail -n 1)"
echo "[start] packaging and installing the extension"
# Local install only: README links need no public base URL (see scripts/e2e.sh).
"$ROOT/node_modules/.bin/vsce" package --no-dependencies --no-rewrite-relative-links -o "$CACHE/oncolex.vsix" >"$CACHE/logs/start-package.log" 2>&1 \
  || { tail -n 30 "$CACHE/logs/start-package.log" >&2; echo "[start] vsce package failed" >&2; exit 1; }
EXT_DIR="$CACHE/start-extensions"
USER_DIR="$CACHE/start-user-data"
node "$ENTRY" --config "$CACHE/code-server-config.yaml" --extensions-dir "$EXT_DIR" --user-data-dir "$USER_DIR" --install-extension "$CACHE/oncolex.vsix" --force \
  >"$CACHE/logs/start-install.log" 2>&1 \
  || { tail -n 30 "$CACHE/logs/start-install.log" >&2; echo "[start] installing the .vsix failed" >&2; exit 1; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT="${PORT:-}"
if [[ -z "$PORT" ]]; then
  PORT=8080
  while ! port_free "$PORT"; do PORT=$((PORT + 1)); done
fi

# The scratch copy: made on the first start and kept after (delete it for a fresh one).
FOLDER="$CACHE/start-examples"
if [[ ! -d "$FOLDER" ]]; then
  cp -R "$ROOT/examples" "$FOLDER"
  echo "[start] copied examples/ to $FOLDER (your edits stay there; delete it for a fresh copy)"
fi
# A quiet first start: no walkthrough or welcome page, no prompt about the git repository that holds the
# copy (this checkout), no recommendations or tips. Written each time; the user's other settings are kept.
mkdir -p "$USER_DIR/User"
node -e '
const fs = require("fs");
const file = process.argv[1];
let s = {};
try { s = JSON.parse(fs.readFileSync(file, "utf8")); } catch {}
Object.assign(s, {
  "workbench.startupEditor": "none",
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.tips.enabled": false,
  "git.openRepositoryInParentFolders": "never",
  "git.autoRepositoryDetection": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
});
fs.writeFileSync(file, JSON.stringify(s, null, 2) + "\n");
' "$USER_DIR/User/settings.json"

# The manuscript in front: VS Code for the web opens the files of its `payload` query parameter.
FRONT="$FOLDER/review-section.md"
PAYLOAD="$(node -e 'process.stdout.write(encodeURIComponent(JSON.stringify([["openFile", "vscode-remote://127.0.0.1:" + process.argv[1] + process.argv[2]]])))' "$PORT" "$FRONT")"
URL="http://127.0.0.1:$PORT/?folder=$FOLDER&payload=$PAYLOAD"
echo
echo "  OncoLex is running in VS Code at:  $URL"
echo "  (open it in your browser; Ctrl+C here stops it)"
echo
# --config keeps code-server from writing ~/.config/code-server/config.yaml.
exec node "$ENTRY" --config "$CACHE/code-server-config.yaml" --auth none --bind-addr "127.0.0.1:$PORT" \
  --disable-telemetry --disable-update-check --disable-getting-started-override \
  --disable-workspace-trust --extensions-dir "$EXT_DIR" --user-data-dir "$USER_DIR" "$FOLDER"
