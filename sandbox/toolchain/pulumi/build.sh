#!/bin/bash
# Builds the Pulumi CLI v3.276.0 into $1 (a cache dir outside the repository). The version ldflag
# matters: without it the CLI skips version checks and reports v0.0.0.
set -euo pipefail
out=${1:?usage: build.sh OUTDIR}
cd "$(dirname "$0")"
mkdir -p "$out"
go mod tidy
go build -p 2 -trimpath -o "$out/pulumi" \
  -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v3.276.0" \
  github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
