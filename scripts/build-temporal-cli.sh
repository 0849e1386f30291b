#!/usr/bin/env bash
# Builds the Temporal CLI (its `temporal server start-dev` is our embedded dev server) from
# the official Go module through the Go module proxy: this machine cannot download release
# binaries. Idempotent: with the pinned binary present it does nothing.
set -euo pipefail
VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}" # newest release whose go.mod has no replace directives (TOOLCHAIN.md)
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN_DIR="$ROOT/.tools/bin"
TARGET="$BIN_DIR/temporal"
STAMP="$BIN_DIR/.temporal-version"

if [[ -x "$TARGET" && -f "$STAMP" && "$(cat "$STAMP")" == "$VERSION" ]]; then
  echo "[temporal-cli] $VERSION already built at .tools/bin/temporal"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "[temporal-cli] error: Go is not installed (need Go >= 1.25 to build github.com/temporalio/cli@$VERSION)" >&2
  exit 1
fi
mkdir -p "$BIN_DIR"
echo "[temporal-cli] building github.com/temporalio/cli/cmd/temporal@$VERSION with $(go version | awk '{print $3}')"
echo "[temporal-cli] the first build downloads modules and compiles the server: several minutes on 2 cores"
start=$(date +%s)
if ! GOBIN="$BIN_DIR" GOFLAGS="-buildvcs=false" go install "github.com/temporalio/cli/cmd/temporal@$VERSION"; then
  echo "[temporal-cli] error: go install failed; is the Go module proxy ($(go env GOPROXY)) reachable?" >&2
  exit 1
fi
echo "$VERSION" > "$STAMP"
echo "[temporal-cli] built in $(( $(date +%s) - start ))s: $("$TARGET" --version)"
