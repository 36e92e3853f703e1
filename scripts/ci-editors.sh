#!/usr/bin/env bash
# CI: installs the editors the unit suite drives for real (Neovim, for test/unit/neovim.test.ts) from
# Debian packages. Without it the Neovim test skips; .ci/run calls this first and then requires it.
set -euo pipefail
if command -v nvim >/dev/null; then
  echo "[ci-editors] $(nvim --version | head -n 1)"
  exit 0
fi
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "[ci-editors] need root or sudo to install neovim" >&2; exit 1; }
  sudo=(sudo)
fi
"${sudo[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends neovim
echo "[ci-editors] $(nvim --version | head -n 1)"
