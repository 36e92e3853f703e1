#!/usr/bin/env bash
# `npm run test:e2e`: the extension in a real VS Code (code-server 4.100.0 in headless Chromium).
# Builds and packages the extension, installs it with the test runner extension into code-server (and a
# web-only variant into an extensions folder of its own), and
# runs test/e2e/run.ts, which runs the integration suite inside code-server and then checks the UI.
# Prints PASS/FAIL per check and `N passed, N failed`; exits non-zero on any failure, including a failed
# setup (in CI and locally alike: a test that cannot run is not a pass).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CACHE="${ONCOLEX_E2E_CACHE:-$ROOT/.e2e-cache}"
export ONCOLEX_E2E_CACHE="$CACHE"
mkdir -p "$CACHE/logs"
T_ALL=$SECONDS

fail_setup() {
  echo "FAIL e2e setup: $1" >&2
  echo "0 passed, 1 failed"
  exit 1
}

# timed NAME COMMAND...: runs a preparation step, logs it, and names it when it fails.
timed() {
  local name="$1"; shift
  local t0=$SECONDS logf="$CACHE/logs/$name.log"
  if ! "$@" >"$logf" 2>&1; then
    tail -n 30 "$logf" >&2
    fail_setup "step '$name' failed (log: $logf)"
  fi
  echo "[e2e] $name: $((SECONDS - t0)) s"
}

t0=$SECONDS
ENTRY="$(bash scripts/e2e-setup.sh | tail -n 1)" || fail_setup "scripts/e2e-setup.sh failed (logs: $CACHE/logs/)"
echo "[e2e] setup: $((SECONDS - t0)) s"
export ONCOLEX_E2E_CODE_SERVER="$ENTRY"

timed build npm run build
[[ -f dist/extension.js && -f dist/cli.js ]] || fail_setup "npm run build did not produce dist/extension.js and dist/cli.js"
timed build-integration node test/integration/build.mjs
# --no-rewrite-relative-links: this .vsix is only installed locally, where README links need no public
# base URL (vsce otherwise refuses relative images when the repository is not on GitHub/GitLab).
timed package "$ROOT/node_modules/.bin/vsce" package --no-dependencies --no-rewrite-relative-links -o "$CACHE/oncolex.vsix"
timed package-runner node test/e2e-runner-extension/build.mjs "$CACHE/oncolex-e2e-runner.vsix"

# A fresh extensions folder and a fresh copy of the examples each run: no state from the last run, and
# the tests can type into the manuscripts without touching the committed ones.
EXT_DIR="$CACHE/extensions"
export ONCOLEX_E2E_EXTENSIONS="$EXT_DIR"
rm -rf "$EXT_DIR" "$CACHE/user-data-install"
# install_ext VSIX [EXTENSIONS_DIR]
install_ext() {
  node "$ENTRY" --config "$CACHE/code-server-config.yaml" --extensions-dir "${2:-$EXT_DIR}" \
    --user-data-dir "$CACHE/user-data-install" --install-extension "$1" --force
}
timed install-oncolex install_ext "$CACHE/oncolex.vsix"
timed install-runner install_ext "$CACHE/oncolex-e2e-runner.vsix"
ls "$EXT_DIR" | grep -q '^oncolex\.oncolex-' || fail_setup "the .vsix did not install into $EXT_DIR"

# The web-only variant (no `main`) in an extensions folder of its own, for the run in the web worker
# extension host (test/e2e/web.ts): with the desktop build beside it, VS Code would run that one instead.
WEB_EXT_DIR="$CACHE/extensions-web"
export ONCOLEX_E2E_WEB_EXTENSIONS="$WEB_EXT_DIR"
rm -rf "$WEB_EXT_DIR"
timed package-web node test/e2e/web-variant.mjs "$CACHE/oncolex.vsix" "$CACHE/oncolex-web.vsix"
timed install-web install_ext "$CACHE/oncolex-web.vsix" "$WEB_EXT_DIR"

export ONCOLEX_E2E_WORKSPACE="$CACHE/workspace"
rm -rf "$ONCOLEX_E2E_WORKSPACE"
cp -r examples "$ONCOLEX_E2E_WORKSPACE"

t0=$SECONDS
status=0
node --import tsx test/e2e/run.ts || status=$?
echo "[e2e] browser tests: $((SECONDS - t0)) s; total: $((SECONDS - T_ALL)) s"
exit "$status"
