#!/usr/bin/env bash
# CI: installs the editors and format tools the unit suite drives for real from Debian packages: Neovim
# (for test/unit/neovim.test.ts) and xmllint (libxml2-utils, for the BioC.dtd check in
# test/unit/corpusRoundTrip.test.ts). Without them those tests skip; .ci/run calls this first and then
# requires them.
set -euo pipefail
packages=()
command -v nvim >/dev/null || packages+=(neovim)
command -v xmllint >/dev/null || packages+=(libxml2-utils)
if [[ ${#packages[@]} -gt 0 ]]; then
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "[ci-editors] need root or sudo to install ${packages[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${packages[@]}"
fi
echo "[ci-editors] $(nvim --version | head -n 1)"
echo "[ci-editors] $(xmllint --version 2>&1 | head -n 1)"
