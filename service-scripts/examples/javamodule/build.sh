#!/bin/sh
# Builds jlib/strtools.jar from src/ against skynetj's jar (run tools/skynetj once to build it).
set -e
cd "$(dirname "$0")"
jar=../../../runtime/target/skynetj.jar
rm -rf out && mkdir -p out jlib
javac -cp "$jar" -d out src/example/*.java
cp -r src/META-INF out/
jar cf jlib/strtools.jar -C out .
echo "built jlib/strtools.jar"
