#!/usr/bin/env bash
# schemathesis (PyPI) for the property-based fuzz run against the served OpenAPI document
# (tests/integration/service-fuzz.test.ts): a venv under .tools/schemathesis with a pinned
# version, created only when missing or at another version.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
VERSION="4.32.5"
VENV="$ROOT/.tools/schemathesis"
step() { echo "[setup] schemathesis: $*"; }
fail() { echo "[setup] schemathesis: error: $*" >&2; exit 1; }

if [[ -x "$VENV/bin/st" ]] && [[ "$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null)" == "$VERSION" ]]; then
  step "$VERSION present"
  exit 0
fi

PYTHON="$(command -v python3 || true)"
[[ -n "$PYTHON" ]] || fail "python3 (3.9 or later) is needed to install schemathesis; install it (apt-get install python3 python3-venv)"
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' || fail "$("$PYTHON" --version 2>&1) is too old: schemathesis $VERSION needs Python 3.9 or later"

step "creating a venv in .tools/schemathesis"
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV" || fail "python3 -m venv failed (on Debian: apt-get install python3-venv)"
step "installing schemathesis==$VERSION from PyPI (a minute)"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION" || fail "pip install schemathesis==$VERSION failed (see above)"
"$VENV/bin/st" --version >/dev/null || fail "the installed st command does not run"
step "installed $("$VENV/bin/st" --version 2>&1 | head -1)"
