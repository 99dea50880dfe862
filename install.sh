#!/bin/sh
# Install a deckgen release binary, its checksum verified: for CI (the GitHub action runs it)
# and for any machine with sh, tar (unzip on Windows) and sha256sum or shasum.
#
#   sh install.sh [--version VERSION|latest] [--to DIR] [--repo OWNER/NAME] [--from URL|DIR]
#
# --version  a release tag without its `v` (default: latest)
# --to       where the binary goes (default: ~/.local/bin)
# --repo     the GitHub repository whose releases to use (default: deckgen/deckgen)
# --from     a release folder or URL holding the archives and SHA256SUMS, instead of GitHub's
#            (a mirror, or a local folder for tests)
#
# Archives are named deckgen-TARGET.tar.gz (deckgen-TARGET.zip on Windows); SHA256SUMS lists
# each. A missing archive, a checksum that does not match, or a platform without a build is an
# error and installs nothing.
set -eu

version=latest
to="${HOME:-.}/.local/bin"
repo=deckgen/deckgen
from=""
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="${2:?--version needs a value}"; shift 2 ;;
    --to) to="${2:?--to needs a value}"; shift 2 ;;
    --repo) repo="${2:?--repo needs a value}"; shift 2 ;;
    --from) from="${2:?--from needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
version="${version#v}"

os=$(uname -s)
arch=$(uname -m)
case "$arch" in
  x86_64|amd64) arch=x86_64 ;;
  aarch64|arm64) arch=aarch64 ;;
  *) echo "install.sh: no deckgen build for the $arch processor; build from source with cargo install" >&2; exit 1 ;;
esac
case "$os" in
  Linux) target="$arch-unknown-linux-musl"; ext=tar.gz; exe=deckgen ;;
  Darwin) target="$arch-apple-darwin"; ext=tar.gz; exe=deckgen ;;
  MINGW*|MSYS*|CYGWIN*|Windows_NT)
    [ "$arch" = x86_64 ] || { echo "install.sh: Windows builds are x86_64 only" >&2; exit 1; }
    target="x86_64-pc-windows-msvc"; ext=zip; exe=deckgen.exe ;;
  *) echo "install.sh: no deckgen build for $os; build from source with cargo install" >&2; exit 1 ;;
esac
archive="deckgen-$target.$ext"

if [ -z "$from" ]; then
  if [ "$version" = latest ]; then
    from="https://github.com/$repo/releases/latest/download"
  else
    from="https://github.com/$repo/releases/download/v$version"
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# fetch NAME: copy NAME from the release folder or URL into the work folder.
fetch() {
  case "$from" in
    http://*|https://*)
      curl --proto '=https' --tlsv1.2 -fsSL --retry 3 -o "$work/$1" "$from/$1" ||
        { echo "install.sh: cannot download $from/$1" >&2; exit 1; } ;;
    file://*)
      cp "${from#file://}/$1" "$work/$1" 2>/dev/null ||
        { echo "install.sh: no $1 in ${from#file://}" >&2; exit 1; } ;;
    *)
      cp "$from/$1" "$work/$1" 2>/dev/null ||
        { echo "install.sh: no $1 in $from" >&2; exit 1; } ;;
  esac
}

fetch SHA256SUMS
fetch "$archive"

expected=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$work/SHA256SUMS")
[ -n "$expected" ] || { echo "install.sh: SHA256SUMS does not list $archive" >&2; exit 1; }
if command -v sha256sum >/dev/null 2>&1; then
  actual=$(sha256sum "$work/$archive" | awk '{ print $1 }')
else
  actual=$(shasum -a 256 "$work/$archive" | awk '{ print $1 }')
fi
if [ "$actual" != "$expected" ]; then
  echo "install.sh: $archive does not match its checksum (expected $expected, got $actual); nothing installed" >&2
  exit 1
fi

mkdir -p "$work/x"
case "$ext" in
  tar.gz) tar -xzf "$work/$archive" -C "$work/x" ;;
  zip) unzip -q "$work/$archive" -d "$work/x" ;;
esac
found=$(find "$work/x" -type f -name "$exe" | head -n 1)
[ -n "$found" ] || { echo "install.sh: $archive holds no $exe" >&2; exit 1; }
mkdir -p "$to"
cp "$found" "$to/$exe.tmp"
chmod +x "$to/$exe.tmp"
mv -f "$to/$exe.tmp" "$to/$exe"
echo "installed $to/$exe ($target, $version)"
