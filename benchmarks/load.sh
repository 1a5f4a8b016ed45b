#!/usr/bin/env bash
# HTTP load test: the sample app with Tollgate enabled against the same app with
# Tollgate disabled, driven by wrk on 127.0.0.1, runs alternating so that machine
# drift hits both equally. Prints throughput, latency percentiles and the server's CPU
# time per request, the ratios enabled/disabled of each round, and their medians.
# Stops by itself.
#
#   benchmarks/load.sh               one limit keyed by client IP, one client
#   benchmarks/load.sh --many-keys   one limit keyed by X-Api-Key, a different key on each
#                                    request out of KEYS (1,000,000) keys, all tracked
#   benchmarks/load.sh --new-keys    one limit keyed by X-Api-Key, a key never seen before
#                                    on every request (a flood: a new bucket per request)
#
# Each fork starts both instances afresh (the one started first alternates), warms them
# up and runs ROUNDS rounds: as JMH forks, this keeps one pair of JVMs' luck (what the
# JIT compiled, where the heap landed) out of the headline, the median of every round.
#
# Settings (environment): FORKS (3), ROUNDS (5), DURATION (10s), WARMUP (30s), THREADS (2),
# CONNECTIONS (32), KEYS (1000000), SETTLE (60s), HEAP (512m; 1g with --many-keys),
# RATE (the limit with --many-keys, 10000/1h: raise it when KEYS is small, so that
# few keys are not rejected), KEY (the limit's key with --many-keys, header:X-Api-Key: KEY=ip
# sends the same requests but keys them by client IP, to set the API key's path apart).
# FIRST (on) is the instance started first in fork 1; later forks alternate it. FIRST=off lets
# a series of one-fork runs alternate it too.
# JVM_ARGS adds JVM options to both instances, such as JVM_ARGS=-XX:+UseTransparentHugePages.
# CONTROL=1 disables Tollgate on both instances: the ratios then show the noise floor.
# The summary gives the middle half of the rounds' ratios, and warns when it is wider than a
# quiet machine gives (NOISY_WIDTH below): such a run measured the machine, not Tollgate.
# ALLOCATION=1 also prints, for each fork, both instances' bytes allocated per request,
# from a GC log (-Xlog:gc, /tmp/tollgate-load-gc-PORT.log) and the heap in use before and
# after each round. With --many-keys, read the difference against a control run
# (CONTROL=1 ALLOCATION=1): the enabled instance's warm-up alone gave it about 300 bytes
# more per request in run 72 of benchmarks/RUNS.md.
# THREAD_CPU=1 also prints, for each fork, both instances' CPU per request by thread:
# request threads, JIT compilers, garbage collector, the VM thread and the rest.
# ASYNC_PROFILER=/path/to/libasyncProfiler.so profiles every round of both instances
# (itimer, 200 us, both with -XX:+DebugNonSafepoints) into PROFILES (target/profiles):
# collapsed stacks per instance, fork and round, and requests.txt with each one's
# requests. benchmarks/profile-diff.py then compares the two instances.
# ENABLED_ARGS adds arguments to the enabled instance only, for experiments, such as
# ENABLED_ARGS="--tollgate.headers.style=none" to see what the headers cost; with
# CONTROL=1 too, to the instance in the enabled instance's place.
# SERVER (tomcat) is the embedded server: SERVER=jetty builds and runs the sample app
# on Jetty (the sample-app module's jetty profile).
# BASELINE_JAR compares two builds: the second instance runs that sample-app jar with
# Tollgate enabled too, in place of the app without Tollgate.
set -euo pipefail
cd "$(dirname "$0")/.."

FORKS=${FORKS:-3}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
ENABLED_PORT=18091
DISABLED_PORT=18092
MODE=${1:-one-key}
case "${FIRST:=on}" in
  on) FLIP=0 ;;
  off) FLIP=1 ;;
  *) echo "FIRST must be on or off" >&2; exit 2 ;;
esac

command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk" >&2; exit 1; }
# SERVER=jetty measures the sample app built on Jetty instead of Tomcat (-Pjetty)
case "${SERVER:=tomcat}" in
  tomcat) PATTERN='tollgate-sample-app-[0-9]*.jar'; PROFILE=() ;;
  jetty) PATTERN='tollgate-sample-app-jetty-*.jar'; PROFILE=(-Pjetty) ;;
  *) echo "SERVER must be tomcat or jetty" >&2; exit 2 ;;
esac
find_jar() { find sample-app/target -maxdepth 1 -name "$PATTERN" | head -n1; }
JAR=$(find_jar)
if [ -z "$JAR" ]; then
  ./mvnw -q -B -pl sample-app -am package -DskipTests "${PROFILE[@]}"
  JAR=$(find_jar)
fi

# The secrets API profile, its /v1/** limit raised so that the load measures the allowed
# path (with draft-6 headers), not 429s: ten million a minute, which no run reaches. (A
# period as short as a millisecond would make the store record a read with its cache
# every half millisecond, which no real limit does.)
COMMON=(--spring.profiles.active=secrets-api
        --logging.level.root=WARN --management.endpoints.web.exposure.include=health,metrics)
SCRIPT=""
case "$MODE" in
  one-key)
    HEAP=${HEAP:-512m}
    COMMON+=(--tollgate.limits.api.rate=10000000/1m) ;;
  --many-keys)
    # Each key comes back about every 30 s: a 10,000/1h limit never rejects it, and
    # its bucket is never idle long enough to expire, so the store holds all KEYS keys.
    export KEYS=${KEYS:-1000000}
    HEAP=${HEAP:-1g}
    COMMON+=(--tollgate.limits.api.rate="${RATE:-10000/1h}" --tollgate.limits.api.key="${KEY:-header:X-Api-Key}"
             --tollgate.store.maximum-keys="$KEYS")
    SCRIPT=benchmarks/many-keys.lua ;;
  --new-keys)
    export KEYS=0
    HEAP=${HEAP:-512m}
    # a refill within 1 ms: each flood bucket expires right after its one use
    COMMON+=(--tollgate.limits.api.rate=60000/1ms --tollgate.limits.api.key=header:X-Api-Key)
    SCRIPT=benchmarks/many-keys.lua ;;
  *) echo "usage: $0 [--many-keys | --new-keys]" >&2; exit 2 ;;
esac
# WRK_SCRIPT replaces the mode's wrk script, for experiments: WRK_SCRIPT=benchmarks/many-keys.lua
# with the one-client variant sends --new-keys' requests, which its limit keys by client IP.
SCRIPT=${WRK_SCRIPT:-$SCRIPT}
export THREADS

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

PROFILES=${PROFILES:-target/profiles}
if [ -n "${ASYNC_PROFILER:-}" ]; then
  JVM_ARGS="${JVM_ARGS:-} -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
  # absolute: the profiler, inside the instance, writes relative to its own directory
  PROFILES=$(mkdir -p "$PROFILES" && cd "$PROFILES" && pwd)
  rm -f "$PROFILES"/*.collapsed "$PROFILES/requests.txt"
fi
profiler() { # pid command: async-profiler, loaded into the instance
  jcmd "$1" JVMTI.agent_load "$ASYNC_PROFILER" "\"$2\"" >/dev/null
}

start() { # port jar arguments...
  local log=()
  [ "${ALLOCATION:-0}" = 1 ] && rm -f "/tmp/tollgate-load-gc-$1.log" && log=(-Xlog:gc:file="/tmp/tollgate-load-gc-$1.log")
  # shellcheck disable=SC2086 # JVM_ARGS is a list of options
  java -Xms"$HEAP" -Xmx"$HEAP" ${JVM_ARGS:-} "${log[@]}" -jar "$2" --server.port="$1" "${COMMON[@]}" "${@:3}" > "/tmp/tollgate-load-$1.log" 2>&1 &
  pids+=($!)
}
start_enabled() {
  local tollgate=()
  [ "${CONTROL:-0}" = 1 ] && tollgate=(--tollgate.enabled=false)
  # shellcheck disable=SC2086 # ENABLED_ARGS is a list of arguments
  start $ENABLED_PORT "$JAR" "${tollgate[@]}" ${ENABLED_ARGS:-}
}
start_disabled() {
  if [ -n "${BASELINE_JAR:-}" ]; then
    start $DISABLED_PORT "$BASELINE_JAR"
  else
    start $DISABLED_PORT "$JAR" --tollgate.enabled=false
  fi
}
stop_instances() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  pids=()
}
[ "${CONTROL:-0}" = 1 ] && echo "control run: Tollgate is disabled on both instances"
[ "$SERVER" = tomcat ] || echo "server: $SERVER ($JAR)"
[ -z "${JVM_ARGS:-}" ] || echo "JVM options on both instances: $JVM_ARGS"
[ -z "${WRK_SCRIPT:-}" ] || echo "wrk script: $WRK_SCRIPT"
[ -z "${ENABLED_ARGS:-}" ] || echo "arguments of the enabled instance only: $ENABLED_ARGS"
[ -z "${BASELINE_JAR:-}" ] || echo "baseline: $BASELINE_JAR with Tollgate enabled (the 'off' rows below)"

run() { # port -> "requests/s p50 p90 p99 non-2xx requests"
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency)
  [ -n "$SCRIPT" ] && args+=(-s "$SCRIPT")
  wrk "${args[@]}" "http://127.0.0.1:$1/v1/secrets" | awk '
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=$2} /^ +90%/ {p90=$2} /^ +99%/ {p99=$2}
    /Non-2xx/ {bad=$NF} / requests in / {total=$1}
    END {print rps, p50, p90, p99, bad + 0, total}'
}

heap_used() { # pid: the heap in use now, in KiB
  jcmd "$1" GC.heap_info | awk '/ heap .* used / {for (i = 1; i < NF; i++) if ($i == "used") {sub(/K,?/, "", $(i + 1)); print $(i + 1)}}'
}

collected() { # port, collections already counted: KiB freed by the collections since
  grep -o '[0-9]*M->[0-9]*M' "/tmp/tollgate-load-gc-$1.log" | awk -F'M->|M' -v n="$2" 'NR > n {f += $1 - $2} END {print f * 1024}'
}

collections() { grep -c 'M->' "/tmp/tollgate-load-gc-$1.log" || true; }

cpu_ticks() { # user + system CPU time of a process so far, in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}

tracked_keys() { # an instance's tollgate.store.keys gauge (0 without Tollgate); port, the enabled one by default
  local json
  json=$(curl -sf "http://127.0.0.1:${1:-$ENABLED_PORT}/actuator/metrics/tollgate.store.keys" || true)
  echo "$json" | sed -E 's/.*"value":([0-9.E]+).*/\1/' | awk '{printf "%.0f", $1 + 0} END {if (NR == 0) printf "0"}'
}

fill() { # port: measure once (nearly) every key is tracked, so that the rounds look up
  # existing buckets. Each filling run carries on where the previous one stopped. The runs
  # (their offsets and durations) are kept in FILLED for replay, which repeats them.
  local sent offset
  FILLED=("0 ${WARMUP:-30s}")
  read -r _ _ _ _ _ sent < <(OFFSET=0 DURATION=${WARMUP:-30s} run "$1")
  offset=$((sent / THREADS))
  for _ in $(seq 1 12); do
    [ "$(tracked_keys "$1")" -ge $((KEYS * 99 / 100)) ] || [ "${CONTROL:-0}" = 1 ] && break
    FILLED+=("$((offset % (KEYS / THREADS))) 10s")
    read -r _ _ _ _ _ sent < <(OFFSET=$((offset % (KEYS / THREADS))) DURATION=10s run "$1")
    offset=$((offset + sent / THREADS))
  done
}

replay() { # port: the runs fill made, each followed by a request to the Actuator as fill
  # made one, so that the instance sees the same requests as the filled one (the JIT
  # compiles what it sees). Warmed by one run as long, without the Actuator's requests,
  # the filled instance's place allocated about 300 bytes more per request in a control
  # (run 72 of RUNS.md); replayed, neither place did (run 103)
  local filled offset duration
  for filled in "${FILLED[@]}"; do
    read -r offset duration <<< "$filled"
    OFFSET=$offset DURATION=$duration run "$1" >/dev/null
    tracked_keys "$1" >/dev/null
  done
}

warm_up() {
  echo "warming up both instances (${WARMUP:-30s} each)..."
  if [ "$MODE" = --many-keys ]; then
    local since=$SECONDS
    fill $ENABLED_PORT
    echo "keys tracked before the rounds: $(tracked_keys)"
    # A million new buckets are copied between survivor spaces at every young collection
    # until they are old enough to be promoted, which makes collections ten times longer
    # for about a minute after the fill. Measure the steady state that follows.
    echo "letting the buckets settle in the old generation (${SETTLE:-60s})..."
    DURATION=${SETTLE:-60s} run $ENABLED_PORT >/dev/null
    if [ -n "${BASELINE_JAR:-}" ]; then
      fill $DISABLED_PORT
      echo "keys tracked by the baseline: $(tracked_keys $DISABLED_PORT)"
      DURATION=${SETTLE:-60s} run $DISABLED_PORT >/dev/null
    else
      # The same load for as long as the enabled instance had it: a JVM keeps getting
      # faster for minutes, so an instance warmed for less would gain on the other
      # round after round (until 2026-11-23, 30 s: up to 8 % over the five rounds).
      # And the same requests: the fill's runs, its Actuator requests and the settling
      # (until 2026-11-25, one run as long as all of them, without the Actuator's).
      echo "warming up the instance without Tollgate alike (${#FILLED[@]} runs and the settling, $((SECONDS - since))s)..."
      replay $DISABLED_PORT
      tracked_keys $DISABLED_PORT >/dev/null
      DURATION=${SETTLE:-60s} run $DISABLED_PORT >/dev/null
    fi
  else
    OFFSET=0 DURATION=${WARMUP:-30s} run $ENABLED_PORT >/dev/null
    DURATION=${WARMUP:-30s} run $DISABLED_PORT >/dev/null
  fi
  # Then both in turn, so that neither comes to the rounds after waiting without load
  # through the other's warm-up (with --many-keys that wait was 90 to 110 s, and a
  # control run, CONTROL=1, measured 0.985 and CPU 1.028 per request; on 2026-11-23).
  echo "then both in turn, 10s at a time (3 turns)..."
  for _ in 1 2 3; do
    DURATION=10s run $ENABLED_PORT >/dev/null
    DURATION=10s run $DISABLED_PORT >/dev/null
  done
}

thread_ticks() { # a process's CPU so far, in clock ticks, by thread: http C2 C1 GC VM other
  local task name
  for task in /proc/"$1"/task/*; do
    name=$(cat "$task/comm" 2>/dev/null) || continue
    # fields after the command's closing parenthesis: utime and stime are the 12th and 13th
    echo "$name|$(sed -E 's/^.*\) //' "$task/stat" 2>/dev/null | awk '{print $12 + $13}')"
  done | awk -F'|' '
    $1 ~ /^http-/ {g["http"] += $2; next} $1 ~ /^C2 / {g["C2"] += $2; next} $1 ~ /^C1 / {g["C1"] += $2; next}
    $1 ~ /^(GC Thread|G1 )/ {g["GC"] += $2; next} $1 == "VM Thread" {g["VM"] += $2; next} {g["other"] += $2}
    END {print g["http"] + 0, g["C2"] + 0, g["C1"] + 0, g["GC"] + 0, g["VM"] + 0, g["other"] + 0}'
}

# The values' quantiles at the given fractions ("0.5" is the median), interpolated
# between the two nearest values
quantiles() { # "fraction ..." value ...
  local fractions=$1; shift
  printf "%s\n" "$@" | sort -g | awk -v fractions="$fractions" '{a[NR] = $1} END {
    a[NR + 1] = a[NR]; n = split(fractions, p, " ")
    for (k = 1; k <= n; k++) {i = 1 + (NR - 1) * p[k]; f = int(i); printf "%s%s", (k > 1) ? " " : "", a[f] + (i - f) * (a[f + 1] - a[f])}
    print ""}'
}
median() { quantiles 0.5 "$@"; }
range() { quantiles "0 1" "$@" | sed 's/ / to /'; }
# Above this width of the rounds' middle half, the machine moved the ratios more than
# any build does: runs 27 to 48 of benchmarks/RUNS.md spanned 0.014 to 0.051, control runs
# included; runs 49 to 53, taken while the machine's host was busy, 0.092 to 0.154
NOISY_WIDTH=0.08

# the machine: runs on different hosts are not comparable figure by figure
lscpu_out=$(lscpu)
echo "machine: $(sed -n 's/^Model name: *//p' <<< "$lscpu_out" | head -1), $(nproc) cores, L2 $(sed -n 's/^L2 cache: *//p' <<< "$lscpu_out"), L3 $(sed -n 's/^L3 cache: *//p' <<< "$lscpu_out"); $(java -version 2>&1 | head -1)"
echo "mode: $MODE, $FORKS forks of $ROUNDS rounds of $DURATION, $THREADS threads, $CONNECTIONS connections"
enabled=(); disabled=(); ratios=(); cpu_ratios=(); fork_ratios=(); fork_cpu_ratios=()
for fork in $(seq 1 "$FORKS"); do
  # the instance started first gets the first pick of memory and cores: alternate it
  # (pids stays in the order enabled, disabled)
  if [ $(((fork + FLIP) % 2)) -eq 1 ]; then start_enabled; start_disabled; first=on
  else start_disabled; start_enabled; pids=("${pids[1]}" "${pids[0]}"); first=off; fi
  for port in $ENABLED_PORT $DISABLED_PORT; do
    for _ in $(seq 1 120); do
      curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break
      sleep 0.5
    done
  done
  echo "--- fork $fork of $FORKS (instance started first: $first)"
  warm_up
  printf "%-6s %-9s %12s %9s %9s %9s %9s %12s\n" round tollgate "requests/s" p50 p90 p99 non-2xx "cpu us/req"
  fork_rounds=(); fork_cpu=()
  # each instance's fork totals, by "on" or "off": requests, KiB allocated, and the CPU
  # ticks of each thread group ("on,0" to "off,5", in the order of thread_ticks)
  declare -A sent=([on]=0 [off]=0) allocated=([on]=0 [off]=0) group_ticks=()
  for i in 0 1 2 3 4 5; do group_ticks[on,$i]=0; group_ticks[off,$i]=0; done
  for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) -eq 1 ]; then order=(on off); else order=(off on); fi
    for which in "${order[@]}"; do
      port=$([ "$which" = on ] && echo $ENABLED_PORT || echo $DISABLED_PORT)
      pid=$([ "$which" = on ] && echo "${pids[0]}" || echo "${pids[1]}")
      [ -z "${ASYNC_PROFILER:-}" ] || profiler "$pid" start,event=itimer,interval=200us
      if [ "${ALLOCATION:-0}" = 1 ]; then gcs=$(collections "$port"); used=$(heap_used "$pid"); fi
      before=$(cpu_ticks "$pid")
      [ "${THREAD_CPU:-0}" = 1 ] && read -r -a threads_before < <(thread_ticks "$pid")
      read -r rps p50 p90 p99 bad total < <(run "$port")
      if [ "${THREAD_CPU:-0}" = 1 ]; then
        read -r -a threads_after < <(thread_ticks "$pid")
        for i in 0 1 2 3 4 5; do
          group_ticks[$which,$i]=$((group_ticks[$which,$i] + threads_after[i] - threads_before[i]))
        done
      fi
      sent[$which]=$((sent[$which] + total))
      # the server's own CPU time per request: unlike throughput, not shared with wrk
      cpu=$(awk -v t=$(($(cpu_ticks "$pid") - before)) -v n="$total" -v hz="$(getconf CLK_TCK)" \
        'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
      if [ "${ALLOCATION:-0}" = 1 ]; then
        # allocated = what the collections freed + the growth of the heap in use
        allocated[$which]=$((allocated[$which] + $(collected "$port" "$gcs") + $(heap_used "$pid") - used))
      fi
      if [ -n "${ASYNC_PROFILER:-}" ]; then
        profiler "$pid" "stop,collapsed,file=$PROFILES/$which-$fork-$round.collapsed"
        echo "$which $fork-$round requests $total" >> "$PROFILES/requests.txt"
      fi
      printf "%-6s %-9s %12s %9s %9s %9s %9s %12s\n" "$round" "$which" "$rps" "$p50" "$p90" "$p99" "$bad" "$cpu"
      if [ "$which" = on ]; then on_rps=$rps; on_cpu=$cpu; enabled+=("$rps")
      else off_rps=$rps; off_cpu=$cpu; disabled+=("$rps"); fi
    done
    fork_rounds+=("$(awk -v on="$on_rps" -v off="$off_rps" 'BEGIN {printf "%.3f", on / off}')")
    fork_cpu+=("$(awk -v on="$on_cpu" -v off="$off_cpu" 'BEGIN {printf "%.3f", on / off}')")
  done
  [ "$MODE" = one-key ] || echo "keys tracked after the rounds: $(tracked_keys)"
  echo "fork $fork: ratio enabled/disabled per round: ${fork_rounds[*]}, median $(median "${fork_rounds[@]}")"
  echo "fork $fork: CPU per request enabled/disabled per round: ${fork_cpu[*]}, median $(median "${fork_cpu[@]}")"
  if [ "${ALLOCATION:-0}" = 1 ]; then
    awk -v f="$fork" -v on="${allocated[on]}" -v off="${allocated[off]}" -v n="${sent[on]}" -v m="${sent[off]}" 'BEGIN {
      printf "fork %s: bytes allocated per request: on %.0f, off %.0f, difference %.0f\n", f, on * 1024 / n, off * 1024 / m, on * 1024 / n - off * 1024 / m}'
  fi
  if [ "${THREAD_CPU:-0}" = 1 ]; then
    for which in on off; do
      ticks=(); for i in 0 1 2 3 4 5; do ticks+=("${group_ticks[$which,$i]}"); done
      n=${sent[$which]}
      awk -v f="$fork" -v w="$which" -v n="$n" -v hz="$(getconf CLK_TCK)" -v t="${ticks[*]}" 'BEGIN {
        split(t, a, " "); split("http C2 C1 GC VM other", g, " ")
        printf "fork %s: %-3s CPU us/req by thread:", f, w
        for (i = 1; i <= 6; i++) printf " %s %.2f", g[i], a[i] * 1e6 / hz / n
        print ""}'
    done
  fi
  ratios+=("${fork_rounds[@]}"); cpu_ratios+=("${fork_cpu[@]}")
  fork_ratios+=("$(median "${fork_rounds[@]}")"); fork_cpu_ratios+=("$(median "${fork_cpu[@]}")")
  stop_instances
done

echo "=== $FORKS forks, $((FORKS * ROUNDS)) rounds"
awk -v on="$(median "${enabled[@]}")" -v off="$(median "${disabled[@]}")" \
  'BEGIN {printf "median requests/s: enabled %.0f, disabled %.0f\n", on, off}'
# The headline: each round's ratio compares two runs made back to back, so drift over
# the whole run cancels out; the median of every round's ratio, with their range.
echo "median ratio enabled/disabled: $(median "${ratios[@]}") (rounds $(range "${ratios[@]}"); fork medians ${fork_ratios[*]})"
echo "median CPU per request enabled/disabled: $(median "${cpu_ratios[@]}") (rounds $(range "${cpu_ratios[@]}"); fork medians ${fork_cpu_ratios[*]})"
read -r q1 q3 <<< "$(quantiles "0.25 0.75" "${ratios[@]}")"
awk -v q1="$q1" -v q3="$q3" -v noisy="$NOISY_WIDTH" 'BEGIN {
  printf "middle half of the rounds\047 ratios: %.3f to %.3f (width %.3f)\n", q1, q3, q3 - q1
  if (q3 - q1 > noisy) printf "WARNING: the rounds\047 middle half is wider than %s: the machine was too noisy for this run to measure a ratio; run it again at a quieter time (CONTROL=1 shows the noise floor)\n", noisy}'
[ -z "${ASYNC_PROFILER:-}" ] || echo "profiles in $PROFILES: python3 benchmarks/profile-diff.py $PROFILES"
