#!/usr/bin/env bash
# Legal documents: the worker embeds AR PL UMing CN (a Ming face in TrueType outlines) from Debian's
# fonts-arphic-uming, and the tests read the PDFs' text with poppler-utils' pdftotext.
# Installed only when missing, as root, without questions.
set -euo pipefail
step() { echo "[setup] $*"; }

FONT=/usr/share/fonts/truetype/arphic/uming.ttc
if [[ -f "$FONT" ]] && command -v pdftotext >/dev/null; then
  step "document font and pdftotext present"
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "[setup] error: $FONT or pdftotext is missing and installing them needs root: run 'apt-get install -y fonts-arphic-uming poppler-utils' as root" >&2
  exit 1
fi
step "installing Debian's fonts-arphic-uming and poppler-utils for the legal documents (apt-get)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q -o Dpkg::Progress-Fancy=0
apt-get install -y -q --no-install-recommends -o Dpkg::Progress-Fancy=0 fonts-arphic-uming poppler-utils
