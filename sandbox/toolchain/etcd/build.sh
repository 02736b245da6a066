#!/bin/bash
# Builds etcd v3.6.16 into $1 (a cache dir outside the repository).
set -euo pipefail
out=${1:?usage: build.sh OUTDIR}
cd "$(dirname "$0")"
mkdir -p "$out"
go mod tidy
go build -trimpath -o "$out/etcd" -ldflags "-s -w" .
