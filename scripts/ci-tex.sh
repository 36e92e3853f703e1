#!/usr/bin/env bash
# CI: installs the TeX engines the unit suite compiles the exported abbreviation lists with
# (test/unit/abbreviationList.test.ts), from Debian's TeX Live packages, as small as works:
# - texlive-latex-extra: acro, glossaries and acronym (and pdfLaTeX, through texlive-latex-base);
# - texlive-xetex and texlive-lang-chinese: XeLaTeX and ctex, with the Fandol fonts ctex uses by default
#   on Linux (no other CJK font is needed).
# --no-install-recommends leaves out the documentation and extra fonts (about 1.5 minutes, 320 MB of TeX Live).
# With CI set, the compile test fails instead of skipping when an engine is missing.
set -euo pipefail
if command -v pdflatex >/dev/null && command -v xelatex >/dev/null && kpsewhich acro.sty glossaries.sty acronym.sty ctexart.cls >/dev/null; then
  echo "[ci-tex] $(pdflatex --version | head -n 1); $(xelatex --version | head -n 1)"
  exit 0
fi
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "[ci-tex] need root or sudo to install TeX Live" >&2; exit 1; }
  sudo=(sudo)
fi
"${sudo[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends texlive-latex-extra texlive-xetex texlive-lang-chinese
echo "[ci-tex] $(pdflatex --version | head -n 1); $(xelatex --version | head -n 1)"
