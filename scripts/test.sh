#!/usr/bin/env bash
# `npm test`: the whole fast suite on a fresh clone — installs what it needs, checks the generated lexicon
# is current, type-checks, lints (assembly/ too), type-checks the kernel (assembly/) with the AssemblyScript
# compiler, builds, and runs the unit tests (node's test runner).
# The real-VS-Code end-to-end suite is `npm run test:e2e` (CI runs both).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/ensure-deps.sh
echo "[oncolex] typecheck"
npx tsc -p . --noEmit
echo "[oncolex] lint"
npx eslint .
echo "[oncolex] kernel typecheck (AssemblyScript)"
node scripts/build-wasm.mjs --check
echo "[oncolex] build"
node scripts/build.mjs
echo "[oncolex] unit tests"
node --import tsx --test --test-reporter=spec --test-reporter-destination=stdout test/unit/*.test.ts
