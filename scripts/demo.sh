#!/usr/bin/env bash
# `npm run demo`: annotates the bundled example manuscripts with the CLI.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/ensure-deps.sh >&2
node scripts/build.mjs
node dist/cli.js annotate --format table examples/*.md examples/*.tex
