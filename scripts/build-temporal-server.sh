#!/usr/bin/env bash
# Builds Temporal's own server (all four services in one process) and its SQL schema tool from
# the official Go module, for the cluster topology (`npm run cluster`, the `cluster` test
# project): persistence and visibility on PostgreSQL instead of the dev server's SQLite.
# Same server version as the dev server inside the CLI (v1.5.1 carries server v1.29.1).
# The PostgreSQL schema files come with the module source; they are copied next to the
# binaries so a cleaned Go module cache does not break a start. Idempotent (version stamp).
set -euo pipefail
VERSION="${TEMPORAL_SERVER_VERSION:-v1.29.1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$ROOT/.tools/temporal-server"
STAMP="$DIR/.version"
MODULE="go.temporal.io/server"

if [[ -x "$DIR/server" && -x "$DIR/sql" && -d "$DIR/schema/postgresql/v12" && -f "$STAMP" && "$(cat "$STAMP")" == "$VERSION" ]]; then
  echo "[temporal-server] $VERSION already built at .tools/temporal-server"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "[temporal-server] error: Go is not installed (need Go >= 1.25 to build $MODULE@$VERSION)" >&2
  exit 1
fi
mkdir -p "$DIR"
rm -f "$STAMP"
echo "[temporal-server] building $MODULE/cmd/server and cmd/tools/sql @$VERSION with $(go version | awk '{print $3}')"
echo "[temporal-server] the first build downloads modules and compiles: about 5 minutes each on 2 cores"
for pkg in cmd/server cmd/tools/sql; do
  start=$(date +%s)
  if ! GOBIN="$DIR" GOFLAGS="-buildvcs=false" go install "$MODULE/$pkg@$VERSION"; then
    echo "[temporal-server] error: go install $MODULE/$pkg@$VERSION failed; is the Go module proxy ($(go env GOPROXY)) reachable?" >&2
    exit 1
  fi
  echo "[temporal-server] $pkg built in $(( $(date +%s) - start ))s"
done

# `go install` left the module source in the cache: take the PostgreSQL schemas from it.
SRC="$(go env GOMODCACHE)/$MODULE@$VERSION/schema/postgresql/v12"
if [[ ! -d "$SRC" ]]; then
  echo "[temporal-server] error: $SRC is missing (expected in the module cache after go install)" >&2
  exit 1
fi
rm -rf "$DIR/schema"
mkdir -p "$DIR/schema/postgresql"
cp -R "$SRC" "$DIR/schema/postgresql/v12"
chmod -R u+w "$DIR/schema" # the module cache is read-only
echo "$VERSION" > "$STAMP"
echo "[temporal-server] ready: $("$DIR/server" --version), $("$DIR/sql" --version)"
