#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests/e2e): Playwright's own browser download does
# not work on this machine's closed network, so playwright-core drives /usr/bin/chromium.
# Installed only when missing, as root, without questions.
set -euo pipefail
step() { echo "[setup] $*"; }

# Chinese glyphs for the screenshots (docs/screenshots) come from fonts-noto-cjk.
has_cjk_font() { command -v fc-list >/dev/null && [[ -n "$(fc-list :lang=zh 2>/dev/null | head -1)" ]]; }
if [[ -x /usr/bin/chromium ]] && has_cjk_font; then
  step "chromium present ($(/usr/bin/chromium --version 2>/dev/null | head -1))"
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "[setup] error: /usr/bin/chromium or a CJK font is missing and installing them needs root: run 'apt-get install -y chromium fonts-noto-cjk' as root" >&2
  exit 1
fi
step "installing Debian's chromium and a CJK font for the browser tests (apt-get, a few minutes)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q -o Dpkg::Progress-Fancy=0
apt-get install -y -q --no-install-recommends -o Dpkg::Progress-Fancy=0 chromium fonts-noto-cjk
step "chromium installed ($(/usr/bin/chromium --version 2>/dev/null | head -1))"
