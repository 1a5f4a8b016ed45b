#!/usr/bin/env bash
# Both instances of one --many-keys pair (the sample app with Tollgate enabled, and the
# same app disabled), warmed up as load.sh warms them, then profiled in turn with
# async-profiler: TURNS turns of 20 s each per instance. Writes each turn's collapsed
# stacks and request count to OUT; benchmarks/profile-diff.py compares the two.
# Stops by itself.
#
#   ASYNC_PROFILER=/path/to/libasyncProfiler.so benchmarks/profile-pair.sh
#
# Settings (environment): ASYNC_PROFILER (required), OUT (target/profile-pair), TURNS (3),
# KEYS (1000000).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${ASYNC_PROFILER:?set ASYNC_PROFILER to the path of libasyncProfiler.so}"
OUT=${OUT:-target/profile-pair}
TURNS=${TURNS:-3}
export KEYS=${KEYS:-1000000} THREADS=2
command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk" >&2; exit 1; }
JAR=$(find sample-app/target -maxdepth 1 -name 'tollgate-sample-app-[0-9]*.jar' | head -n1)
[ -n "$JAR" ] || { echo "build the sample app first: ./mvnw -pl sample-app -am package -DskipTests" >&2; exit 1; }
mkdir -p "$OUT"; rm -f "$OUT"/*.collapsed "$OUT"/requests.txt
COMMON=(--spring.profiles.active=secrets-api --logging.level.root=WARN
        --management.endpoints.web.exposure.include=health,metrics --tollgate.limits.api.rate=10000/1h
        --tollgate.limits.api.key=header:X-Api-Key --tollgate.store.maximum-keys="$KEYS")
JVM=(-Xms1g -Xmx1g -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints)
java "${JVM[@]}" -jar "$JAR" --server.port=18091 "${COMMON[@]}" > "$OUT/on.log" 2>&1 &
ON=$!
java "${JVM[@]}" -jar "$JAR" --server.port=18092 "${COMMON[@]}" --tollgate.enabled=false > "$OUT/off.log" 2>&1 &
OFF=$!
trap 'kill $ON $OFF 2>/dev/null || true' EXIT
for port in 18091 18092; do
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break; sleep 0.5; done
done
load() { # port duration -> requests sent
  wrk -t2 -c32 -d"$2" -s benchmarks/many-keys.lua "http://127.0.0.1:$1/v1/secrets" | awk '/ requests in /{print $1}'
}
echo "filling the enabled instance with $KEYS keys, then letting them settle..."
since=$SECONDS
OFFSET=0 load 18091 90s >/dev/null
load 18091 60s >/dev/null
warmed=$((SECONDS - since))
echo "the same load on the disabled instance, ${warmed}s, then both in turn..."
OFFSET=0 load 18092 "${warmed}s" >/dev/null
for _ in 1 2 3; do load 18091 10s >/dev/null; load 18092 10s >/dev/null; done
for turn in $(seq 1 "$TURNS"); do
  for side in on off; do
    if [ $side = on ]; then port=18091; pid=$ON; else port=18092; pid=$OFF; fi
    jcmd "$pid" JVMTI.agent_load "$ASYNC_PROFILER" '"start,event=itimer,interval=200us"' >/dev/null
    before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    requests=$(load $port 20s)
    ticks=$(($(awk '{print $14 + $15}' "/proc/$pid/stat") - before))
    jcmd "$pid" JVMTI.agent_load "$ASYNC_PROFILER" "\"stop,collapsed,file=$PWD/$OUT/$side-$turn.collapsed\"" >/dev/null
    awk -v s=$side -v t="$turn" -v n="$requests" -v c=$ticks -v hz="$(getconf CLK_TCK)" \
      'BEGIN {printf "%s %s requests %d cpu_us_per_req %.3f\n", s, t, n, c * 1e6 / hz / n}' | tee -a "$OUT/requests.txt"
  done
done
echo "compare: python3 benchmarks/profile-diff.py $OUT"
