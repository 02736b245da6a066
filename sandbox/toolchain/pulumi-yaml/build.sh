#!/bin/bash
# Builds the Pulumi YAML language host v1.25.0 (pulumi-language-yaml) into $1 (a cache dir outside
# the repository). pulumi-yaml's go.mod has no replace lines; the wrapper only pins the release.
set -euo pipefail
out=${1:?usage: build.sh OUTDIR}
cd "$(dirname "$0")"
mkdir -p "$out"
export GOFLAGS=-mod=mod
go build -p 2 -trimpath -o "$out/pulumi-language-yaml" \
  -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=v1.25.0" \
  github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
