# Sourced by the tools: sets and exports JAVA_HOME to a JDK 25 or newer, or exits with a clear message.
# Order: $JAVA_HOME if it is >= 25, else the first /usr/lib/jvm/*25* with javac.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    local v; v="$(java_major "$JAVA_HOME/bin/java")"
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  local d
  for d in /usr/lib/jvm/*25*; do
    if [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ]; then echo "$d"; return 0; fi
  done
  return 1
}

if ! JAVA_HOME="$(find_jdk)"; then
  echo "skynetj: JDK 25 or newer is required. Set JAVA_HOME to it (or install one under /usr/lib/jvm)." >&2
  exit 1
fi
export JAVA_HOME

# JVM options for a node: $SKYNETJ_JAVA_OPTS, plus defaults measured with tools/bench (docs/performance.md)
# unless those options already choose: compact object headers (-20% heap per service), and on machines
# with 2 cores or fewer the Serial collector (G1's concurrent threads compete with the 2 carriers:
# newservice 3-4x slower, RSS 10x larger under a burst of sends) with survivor spaces twice the default
# size (SurvivorRatio=4): with the default, a young collection that meets ~1,000 services started a
# moment ago overflowed into the old generation, which then filled with dead services and made every
# young pause longer (newservice 4.8k -> 9.7k/s).
skynetj_java_opts() {
  local opts="${SKYNETJ_JAVA_OPTS:-}"
  case " $opts " in
    *" -XX:+Use"*"GC "*) ;;
    *) if [ "$(nproc 2>/dev/null || echo 4)" -le 2 ]; then
         opts="-XX:+UseSerialGC $opts"
         case " $opts " in *"SurvivorRatio"*) ;; *) opts="-XX:SurvivorRatio=4 $opts" ;; esac
       fi ;;
  esac
  case " $opts " in
    *"ObjectHeaders"*) ;;
    *) opts="-XX:+UseCompactObjectHeaders $opts" ;;
  esac
  # The start-up cache's classes, but not its training run's method profiles (JEP 515): with them
  # replayed, JDK 25.0.3's tiered policy could fall into recompiling one hot method for good after a
  # deoptimization (LuaTable.get, C1 tiers 1 and 2 in turn, ~500 compilations a second once C2 gave
  # up on it: twice the CPU per echo round trip, in some runs only). docs/performance.md, "JIT loop".
  case " $opts " in
    *"AOTReplayTraining"*) ;;
    *) opts="-XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining $opts" ;;
  esac
  echo "$opts"
}
