#!/usr/bin/env bash
# Builds the LuaJ sources skynetj compiles: the pristine luaj-jse 3.0.1 sources jar from Maven
# Central, checksum verified, with runtime/luaj/patches/*.patch applied in order.
# Usage: apply-patches.sh SOURCES_JAR OUT_DIR
# The output is rebuilt only when the jar, a patch or this script changed (a stamp file says which).
set -euo pipefail
jar=$1 out=$2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
expected=$(cat "$here/luaj-jse-3.0.1-sources.sha256")

fail() { echo "skynetj LuaJ patches: $*" >&2; exit 1; }
[ -f "$jar" ] || fail "sources jar not found: $jar"
actual=$(sha256sum "$jar" | cut -d' ' -f1)
[ "$actual" = "$expected" ] || fail "checksum mismatch for $jar: got $actual, expected $expected (not the pristine luaj-jse 3.0.1 sources)"
command -v patch >/dev/null || fail "the 'patch' program is needed to build (apt-get install patch)"
command -v unzip >/dev/null || fail "the 'unzip' program is needed to build (apt-get install unzip)"

stamp=$( { echo "$actual"; cat "$here"/patches/*.patch "${BASH_SOURCE[0]}"; } | sha256sum | cut -d' ' -f1)
[ -f "$out/.stamp" ] && [ "$(cat "$out/.stamp")" = "$stamp" ] && exit 0

rm -rf "$out"
mkdir -p "$out"
# -DD: files get the current time, so the compiler sees them as changed and recompiles them
unzip -q -DD "$jar" 'org/*' -d "$out"
# LuaJC (needs Apache BCEL) and the javax.script engine built on it are not used by skynetj.
rm -rf "$out/org/luaj/vm2/luajc" "$out/org/luaj/vm2/script"
for p in "$here"/patches/*.patch; do
  if ! patch -p1 -d "$out" --batch --forward --quiet --no-backup-if-mismatch < "$p" > "$out/.patch.log" 2>&1; then
    cat "$out/.patch.log" >&2
    rm -f "$out/.stamp"
    fail "$(basename "$p") does not apply to the luaj-jse 3.0.1 sources (see the rejects above)"
  fi
done
rm -f "$out/.patch.log"
echo "$stamp" > "$out/.stamp"
