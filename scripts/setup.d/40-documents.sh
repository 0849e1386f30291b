#!/usr/bin/env bash
# Legal documents: the worker embeds Noto Serif CJK SC from Debian's fonts-noto-cjk (10-chromium.sh
# installs it with the browser), and the tests read the PDFs' text with poppler-utils' pdftotext.
# Installed only when missing, as root, without questions.
set -euo pipefail
step() { echo "[setup] $*"; }

FONT=/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc
if [[ -f "$FONT" ]] && command -v pdftotext >/dev/null; then
  step "document font and pdftotext present"
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "[setup] error: $FONT or pdftotext is missing and installing them needs root: run 'apt-get install -y fonts-noto-cjk poppler-utils' as root" >&2
  exit 1
fi
step "installing Debian's fonts-noto-cjk and poppler-utils for the legal documents (apt-get)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q -o Dpkg::Progress-Fancy=0
apt-get install -y -q --no-install-recommends -o Dpkg::Progress-Fancy=0 fonts-noto-cjk poppler-utils
