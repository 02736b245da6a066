#!/bin/bash
# Builds pulumi-resource-kubernetes into $1 (a cache dir outside the repository) from the served
# pseudo-version v4.0.0-20260115033456-f47bc2d6f199 of github.com/pulumi/pulumi-kubernetes/provider/v4
# (a commit after v4.25.0; no provider/v4 version is listed by the proxy). The build happens in a
# copy under $1/src, where the generated embed files live: they are third-party content, never here.
set -euo pipefail
out=${1:?usage: build.sh OUTDIR}
version=4.25.1-dev.f47bc2d6f199
here="$(cd "$(dirname "$0")" && pwd)"
src="$out/src"
mkdir -p "$src"
cp "$here/go.mod" "$here/go.sum" "$here/main.go" "$src/"
cd "$src"
export GOFLAGS=-mod=mod
dir=$(go mod download -json github.com/pulumi/pulumi-kubernetes/provider/v4@v4.0.0-20260115033456-f47bc2d6f199 | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
cmd="$dir/cmd/pulumi-resource-kubernetes"
# What the module's generate.go does: the schema with its version set, both files compacted.
node -e '
const fs = require("fs");
const [cmd, version] = process.argv.slice(1);
const schema = JSON.parse(fs.readFileSync(`${cmd}/schema.json`, "utf8"));
schema.version = version;
fs.writeFileSync("schema-embed.json", JSON.stringify(schema));
fs.writeFileSync("terraform-mapping-embed.json", JSON.stringify(JSON.parse(fs.readFileSync(`${cmd}/terraform-mapping.json`, "utf8"))));
' "$cmd" "$version"
go build -p 2 -trimpath -o "$out/pulumi-resource-kubernetes" \
  -ldflags "-s -w -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$version" .
