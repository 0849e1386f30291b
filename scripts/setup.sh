#!/usr/bin/env bash
# One-time (and idempotent) set-up for `npm start` and `npm test` on a fresh machine:
# npm dependencies from the lockfile, the Temporal dev server built from its Go module, and
# the Java time-skipping test server from Maven Central. Each step skips itself when done.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

step() { echo "[setup] $*"; }

lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp="node_modules/.setup-lock-hash"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_hash" ]]; then
  # `npm install` rather than `npm ci`: npm 11 writes lockfiles without other platforms'
  # optional packages (@swc/core-darwin-*, ...) and then refuses them in `npm ci`; install
  # still takes the locked versions and leaves the lockfile unchanged.
  step "installing npm dependencies from package-lock.json"
  npm install --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
else
  step "npm dependencies up to date"
fi

bash scripts/build-temporal-cli.sh
bash scripts/build-temporal-server.sh
bash scripts/fetch-test-server.sh
for extra in scripts/setup.d/*.sh; do
  [[ -e "$extra" ]] && bash "$extra"
done
step "done"
