#!/usr/bin/env bash
# Debian's PostgreSQL 15: the product's database. The main job and the tests start their own
# clusters from these binaries (db/postgres-server.ts); production points DATABASE_URL at an
# existing server instead. Installed only when missing, as root, without questions; the
# package's own cluster service is not used (nothing is started here).
set -euo pipefail
step() { echo "[setup] $*"; }
BIN="${APPROVALS_PG_BIN:-/usr/lib/postgresql/15/bin}"
if [[ -x "$BIN/postgres" && -x "$BIN/initdb" ]] && id postgres >/dev/null 2>&1; then
  step "PostgreSQL present ($("$BIN/postgres" --version))"
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "[setup] error: PostgreSQL 15 is missing ($BIN) and installing it needs root: run 'apt-get install -y postgresql-15' as root" >&2
  exit 1
fi
step "installing Debian's postgresql-15 (apt-get, a minute or two)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q -o Dpkg::Progress-Fancy=0
apt-get install -y -q --no-install-recommends -o Dpkg::Progress-Fancy=0 postgresql-15
step "PostgreSQL installed ($("$BIN/postgres" --version))"
