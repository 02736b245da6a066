#!/bin/bash
# Builds the Vault server into $1 (a cache dir outside the repository).
set -euo pipefail
out=${1:?usage: build.sh OUTDIR}
cd "$(dirname "$0")"
mkdir -p "$out"
# -e: tidy also loads the tests of Vault's packages, some of which import sdk test helpers that
# the released sdk lacks; the server itself does not import them.
go mod tidy -e
go build -trimpath -o "$out/vault" -ldflags "-s -w" github.com/hashicorp/vault
