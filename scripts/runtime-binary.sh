#!/usr/bin/env bash
# Prints the path of a pinned Bun or Deno binary for this machine's platform and CPU, installing it first
# from the npm registry (Bun: @oven/bun-<platform>-<arch>; Deno: @deno/<platform>-<arch>[-glibc]) into
# .tools/<runtime>-<version>/ when it is not there yet.
# Usage: runtime-binary.sh bun 1.4.5 | runtime-binary.sh deno 2.9.6
# Exits 3, saying why on stderr, when the registry has no such package for this platform: the caller
# reports the runtime as skipped rather than failing.
set -euo pipefail
cd "$(dirname "$0")/.."
runtime="$1"
version="$2"
platform=$(node -p 'process.platform === "win32" ? "windows" : process.platform')
arch=$(node -p 'process.arch === "x64" ? "x64" : process.arch')
case "$runtime" in
  bun) package="@oven/bun-$platform-$arch"; binary="bin/bun" ;;
  deno)
    package="@deno/$platform-$arch"
    [ "$platform" = "linux" ] && package="$package-glibc"
    binary="deno"
    ;;
  *) echo "unknown runtime $runtime (bun or deno)" >&2; exit 2 ;;
esac
dir=".tools/$runtime-$version"
path="$dir/node_modules/$package/$binary"
if [ ! -x "$path" ]; then
  if ! npm view "$package@$version" version >/dev/null 2>&1; then
    echo "the npm registry has no $package@$version for this platform" >&2
    exit 3
  fi
  echo "› installing $runtime $version ($package) into $dir/" >&2
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "$package@$version" >/dev/null
fi
if [ ! -x "$path" ]; then
  echo "$package@$version installed no $runtime binary at $binary" >&2
  exit 3
fi
echo "$PWD/$path"
