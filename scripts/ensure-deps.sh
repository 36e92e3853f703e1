#!/usr/bin/env bash
# Installs the project's npm dependencies from the lockfile when they are missing or older than it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
stamp=node_modules/.package-lock.json
if [[ ! -f "$stamp" || package-lock.json -nt "$stamp" ]]; then
  echo "[oncolex] installing dependencies (npm ci)…"
  npm ci --no-audit --no-fund
fi
