#!/usr/bin/env bash
# Sets up DIR as a git work tree of the LuaJ sources with our patches applied one commit each,
# to write a new patch: edit there, then `git -C DIR diff > runtime/luaj/patches/NNNN-what.patch`
# and put a header (what it changes and why) above the diff. See runtime/luaj/README.md.
# Usage: workspace.sh DIR   (the sources jar is taken from the local Maven repository)
set -euo pipefail
dir=${1:?usage: workspace.sh DIR}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="${MAVEN_REPO:-$HOME/.m2/repository}/org/luaj/luaj-jse/3.0.1/luaj-jse-3.0.1-sources.jar"
[ -f "$jar" ] || { echo "no $jar: build once (tools/test or mvn package) to fetch it" >&2; exit 1; }
[ ! -e "$dir" ] || { echo "$dir exists; give a new directory" >&2; exit 1; }
mkdir -p "$dir"
unzip -q "$jar" 'org/*' -d "$dir"
rm -rf "$dir/org/luaj/vm2/luajc" "$dir/org/luaj/vm2/script"
git -C "$dir" init -q
git -C "$dir" add -A
git -C "$dir" -c user.name=luaj -c user.email=luaj@localhost commit -qm "luaj-jse 3.0.1 sources"
for p in "$here"/patches/*.patch; do
  patch -p1 -d "$dir" --batch --forward --quiet < "$p"
  git -C "$dir" add -A
  git -C "$dir" -c user.name=skynetj -c user.email=skynetj@localhost commit -qm "$(basename "$p")"
done
echo "LuaJ sources with $(ls "$here"/patches/*.patch | wc -l) patches in $dir (one commit each)"
