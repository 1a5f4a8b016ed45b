#!/usr/bin/env bash
# HTTP load test: the sample app with Tollgate enabled against the same app with
# Tollgate disabled, driven by wrk on 127.0.0.1, runs alternating so that machine
# drift hits both equally. Prints throughput, latency percentiles and the ratio
# enabled/disabled. Stops by itself.
#
#   benchmarks/load.sh                 one limit keyed by client IP
#   benchmarks/load.sh --many-keys     one limit keyed by X-Api-Key, a new key per request
#
# Settings (environment): ROUNDS (5), DURATION (10s), WARMUP (30s), THREADS (2), CONNECTIONS (32).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
ENABLED_PORT=18091
DISABLED_PORT=18092
MODE=${1:-one-key}

command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk" >&2; exit 1; }
JAR=$(ls sample-app/target/tollgate-sample-app-*.jar 2>/dev/null | grep -v original | head -n1 || true)
if [ -z "$JAR" ]; then
  ./mvnw -q -B -pl sample-app -am package -DskipTests
  JAR=$(ls sample-app/target/tollgate-sample-app-*.jar | grep -v original | head -n1)
fi

# The secrets API profile, its /v1/** limit raised so that the load measures the allowed
# path (with draft-6 headers), not 429s.
COMMON=(--spring.profiles.active=secrets-api --tollgate.limits.api.rate=60000/1ms
        --logging.level.root=WARN --management.endpoints.web.exposure.include=health)
if [ "$MODE" = "--many-keys" ]; then
  COMMON+=(--tollgate.limits.api.key=header:X-Api-Key)
  SCRIPT=benchmarks/many-keys.lua
else
  SCRIPT=""
fi

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

start() {
  java -Xms512m -Xmx512m -jar "$JAR" --server.port="$1" "${COMMON[@]}" "${@:2}" > "/tmp/tollgate-load-$1.log" 2>&1 &
  pids+=($!)
}
start $ENABLED_PORT
start $DISABLED_PORT --tollgate.enabled=false
for port in $ENABLED_PORT $DISABLED_PORT; do
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break
    sleep 0.5
  done
done

run() { # port -> "requests/s p50 p90 p99"
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency)
  [ -n "$SCRIPT" ] && args+=(-s "$SCRIPT")
  wrk "${args[@]}" "http://127.0.0.1:$1/v1/secrets" | awk '
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=$2} /^ +90%/ {p90=$2} /^ +99%/ {p99=$2}
    END {print rps, p50, p90, p99}'
}

echo "warming up both instances (${WARMUP:-30s} each)..."
DURATION=${WARMUP:-30s} run $ENABLED_PORT >/dev/null
DURATION=${WARMUP:-30s} run $DISABLED_PORT >/dev/null

echo "mode: $MODE, $ROUNDS rounds of $DURATION, $THREADS threads, $CONNECTIONS connections"
printf "%-6s %-9s %12s %9s %9s %9s\n" round tollgate "requests/s" p50 p90 p99
enabled=(); disabled=()
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then order=(on off); else order=(off on); fi
  for which in "${order[@]}"; do
    port=$([ "$which" = on ] && echo $ENABLED_PORT || echo $DISABLED_PORT)
    read -r rps p50 p90 p99 < <(run "$port")
    printf "%-6s %-9s %12s %9s %9s %9s\n" "$round" "$which" "$rps" "$p50" "$p90" "$p99"
    if [ "$which" = on ]; then enabled+=("$rps"); else disabled+=("$rps"); fi
  done
done

median() { printf "%s\n" "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
on=$(median "${enabled[@]}"); off=$(median "${disabled[@]}")
awk -v on="$on" -v off="$off" 'BEGIN {printf "median requests/s: enabled %.0f, disabled %.0f, ratio enabled/disabled %.3f\n", on, off, on/off}'
