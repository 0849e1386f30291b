#!/usr/bin/env bash
# The web app (web/, its own npm package): install its dependencies when web/package-lock.json
# changed, build web/dist when its sources changed. The service serves web/dist at /.
# Stamps under web/node_modules and web/dist remember what was done.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WEB="$ROOT/web"
step() { echo "[setup] web: $*"; }
fail() { echo "[setup] web: error: $*" >&2; exit 1; }

[[ -f "$WEB/package-lock.json" ]] || fail "web/package-lock.json is missing"
cd "$WEB"

lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
lock_stamp="node_modules/.setup-lock-hash"
if [[ ! -f "$lock_stamp" || "$(cat "$lock_stamp")" != "$lock_hash" ]]; then
  step "installing npm dependencies from web/package-lock.json"
  # As in scripts/setup.sh: `npm install` keeps the locked versions (npm 11's `npm ci` refuses
  # lockfiles without other platforms' optional packages).
  npm install --no-audit --no-fund --loglevel=error || fail "npm install in web/ failed (see above)"
  echo "$lock_hash" > "$lock_stamp"
else
  step "npm dependencies up to date"
fi

# Everything the build reads: sources, config, the lockfile.
src_hash="$( (find src public -type f 2>/dev/null; ls index.html vite.config.ts tsconfig.json package.json package-lock.json) | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)"
build_stamp="dist/.build-hash"
if [[ ! -f "$build_stamp" || "$(cat "$build_stamp")" != "$src_hash" || ! -f dist/index.html ]]; then
  step "building the web app (vite) into web/dist"
  npm run --silent build || fail "the web build failed (see above); fix web/src and run 'npm run build' in web/"
  echo "$src_hash" > "$build_stamp"
  step "built"
else
  step "build up to date"
fi
