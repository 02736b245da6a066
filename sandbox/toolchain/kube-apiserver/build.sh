#!/bin/bash
# Builds kube-apiserver and kubectl v1.36.3 into $1 (a cache dir outside the repository).
# The version ldflags make clients (kubectl version, discovery) see v1.36.3, not v0.0.0.
set -euo pipefail
out=${1:?usage: build.sh OUTDIR}
cd "$(dirname "$0")"
mkdir -p "$out"
go mod tidy
pkg=k8s.io/component-base/version
go build -trimpath -o "$out/kube-apiserver" \
  -ldflags "-s -w -X $pkg.gitVersion=v1.36.3 -X $pkg.gitMajor=1 -X $pkg.gitMinor=36 -X $pkg.gitTreeState=clean" \
  k8s.io/kubernetes/cmd/kube-apiserver
# kubectl of the same release (the e2e suite's `kubectl auth can-i`), from the same module graph.
go build -trimpath -o "$out/kubectl" \
  -ldflags "-s -w -X $pkg.gitVersion=v1.36.3 -X $pkg.gitMajor=1 -X $pkg.gitMinor=36 -X $pkg.gitTreeState=clean" \
  k8s.io/kubernetes/cmd/kubectl
