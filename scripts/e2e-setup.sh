#!/usr/bin/env bash
# Sets up a real VS Code (code-server 4.100.0, VS Code 1.100) that runs offline, for `npm run test:e2e`
# and `npm start`. Idempotent: each step leaves a marker in .e2e-cache/ and is skipped on the next run.
#
# Why by hand: code-server's own postinstall downloads a git dependency, ripgrep and argon2 from GitHub,
# which this machine kind cannot reach; 4.101+ wants Node 22. So we install with --ignore-scripts and do
# the postinstall's work ourselves from the npm registry and Debian packages.
#
# Usage: bash scripts/e2e-setup.sh   (prints the code-server entry point on its last line)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CODE_SERVER_VERSION="4.100.0"
CACHE="${ONCOLEX_E2E_CACHE:-$ROOT/.e2e-cache}"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS="$CS_DIR/node_modules/code-server"
VSCODE="$CS/lib/vscode"
MARKS="$CS_DIR/.steps"
LOG_DIR="$CACHE/logs"
mkdir -p "$CACHE" "$LOG_DIR"

SETUP_START=$SECONDS

log() { printf '[e2e-setup] %s\n' "$*" >&2; }

# run_step NAME COMMAND...: runs COMMAND once (marker), logs to a file, times it, and on failure names
# the step and shows the log's tail, so a failed setup says what broke.
run_step() {
  local name="$1"; shift
  local mark="$MARKS/$name.done"
  if [[ -f "$mark" ]]; then
    log "step '$name': already done"
    return 0
  fi
  local logf="$LOG_DIR/$name.log" t0=$SECONDS
  log "step '$name': running (log: $logf)"
  if ! "$@" >"$logf" 2>&1; then
    log "FAILED step '$name' after $((SECONDS - t0)) s. Last lines of $logf:"
    tail -n 30 "$logf" >&2 || true
    exit 1
  fi
  mkdir -p "$MARKS"
  touch "$mark"
  log "step '$name': done in $((SECONDS - t0)) s"
}

# --- 1. Debian packages: chromium (the browser), libkrb5-dev (kerberos native module), ripgrep (search),
# fonts-wqy-microhei (5 MB of CJK glyphs: without it the Chinese names in screenshots are empty boxes).
APT_PACKAGES=(chromium libkrb5-dev ripgrep fonts-wqy-microhei)
step_apt() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    echo "all present"
    return 0
  fi
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}"; return 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
}
# The apt step has no marker: packages can be removed behind our back, and the check is cheap.
t0=$SECONDS
if ! step_apt >"$LOG_DIR/apt.log" 2>&1; then
  log "FAILED step 'apt' (${APT_PACKAGES[*]}). Last lines of $LOG_DIR/apt.log:"
  tail -n 30 "$LOG_DIR/apt.log" >&2
  exit 1
fi
log "step 'apt': ok in $((SECONDS - t0)) s"
for f in /usr/bin/chromium /usr/bin/rg; do
  [[ -x "$f" ]] || { log "FAILED step 'apt': $f is missing after installing"; exit 1; }
done

# node-gyp would download Node's headers from nodejs.org, which is unreachable; Debian/NodeSource ship them.
NODE_PREFIX="$(dirname "$(dirname "$(node -p process.execPath)")")"
if [[ -f "$NODE_PREFIX/include/node/node.h" && -z "${npm_config_nodedir:-}" ]]; then
  export npm_config_nodedir="$NODE_PREFIX"
fi
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# --- 2. code-server itself, without its install scripts, in a folder of its own (~300 MB).
step_install_code_server() {
  mkdir -p "$CS_DIR"
  [[ -f "$CS_DIR/package.json" ]] || echo '{"name":"oncolex-e2e-code-server","private":true}' >"$CS_DIR/package.json"
  npm install --prefix "$CS_DIR" --ignore-scripts --no-save "code-server@$CODE_SERVER_VERSION"
  test -f "$CS/out/node/entry.js"
}
run_step install-code-server step_install_code_server

# --- 3. What code-server's postinstall would do, offline.
step_vscode_deps() {
  cd "$VSCODE" && npm install --omit=dev --ignore-scripts
}
run_step vscode-deps step_vscode_deps

step_vscode_native() {
  cd "$VSCODE" && npm_config_yes=true npm rebuild node-pty @vscode/spdlog kerberos native-watchdog \
    @parcel/watcher @vscode/deviceid
}
run_step vscode-native-rebuild step_vscode_native

step_vscode_links() {
  mkdir -p "$VSCODE/node_modules/@vscode/ripgrep/bin"
  cp -f /usr/bin/rg "$VSCODE/node_modules/@vscode/ripgrep/bin/rg"
  ln -sfn node_modules "$VSCODE/node_modules.asar"
  (cd "$VSCODE/bin/remote-cli" && ln -sf code-linux.sh code-server)
  (cd "$VSCODE/bin/helpers" && ln -sf browser-linux.sh browser.sh)
}
run_step vscode-links step_vscode_links

step_builtin_extensions() {
  cd "$VSCODE/extensions" && npm install --omit=dev --ignore-scripts
}
run_step builtin-extensions step_builtin_extensions

step_argon2() {
  cd "$CS_DIR/node_modules/argon2" && npx --yes node-pre-gyp rebuild --build-from-source
}
run_step argon2 step_argon2

# --- 4. A quick check that the server starts at all, so a broken install fails here and not in a test.
step_smoke() {
  node "$CS/out/node/entry.js" --config "$CACHE/code-server-config.yaml" --version
}
run_step smoke step_smoke

log "setup ready in $((SECONDS - SETUP_START)) s: $CS/out/node/entry.js"
echo "$CS/out/node/entry.js"
