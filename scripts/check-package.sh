#!/usr/bin/env bash
# Check the packed output of the package in the current directory: publint (strict) on the
# package, then arethetypeswrong on the tarball npm would publish. ESM-only packages use the
# esm-only profile (no CommonJS resolution expected).
set -euo pipefail
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
publint --strict
tarball="$(npm pack --silent --pack-destination "$out" 2>/dev/null | tail -n 1)"
attw "$out/$tarball" --profile esm-only
