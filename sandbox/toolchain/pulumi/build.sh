#!/bin/bash
# Builds the Pulumi CLI into $1 (a cache dir outside the repository).
set -euo pipefail
out=${1:?usage: build.sh OUTDIR}
cd "$(dirname "$0")"
mkdir -p "$out"
go mod tidy
go build -trimpath -o "$out/pulumi" \
  -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v3.276.0" \
  github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
