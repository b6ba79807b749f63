#!/usr/bin/env bash
#
# perf/scripts/registrar-vs-kamailio.sh - REGISTER/s of parley's registrar (memory and durable location) against
# Kamailio 5.6 (children=1, in-memory usrloc), one server at a time on the same UDP port, same generator.
#
#   perf/scripts/registrar-vs-kamailio.sh PHASE SERVER [SERVER ...]
#
# PHASE:
#   sipp-max    find-max.sh register (SIPp, no auth) from the shared bench kit
#   cpu10k      measure.sh register at 10,000 REGISTER/s (server CPU per REGISTER)
#   cpu-perf    SIPp register at CPU_RATE (10,000/s) over 100,000 AoRs: the server's CPU time and context
#               switches per REGISTER from schedstat (nanoseconds, where /proc/PID/stat counts 10 ms ticks),
#               WINDOWS (3) windows of WINDOW (8) seconds; PERF=1 takes them from `perf stat` instead,
#               PER_THREAD=1 also prints each thread's share, EVENTS=a,b more perf events per REGISTER (e.g.
#               syscalls:sys_enter_ppoll); SERVER_CPUS and GEN_CPUS pin the server and SIPp (taskset lists)
#   load-max    `parley load register` as the generator, no auth: rates in RATES until the first unclean step
#   auth-max    the same with digest (401, then REGISTER with credentials; users u1..uN, password "secret")
#   mem1m       parley only: register 1,000,000 AoRs, then heap after a full GC and RSS
# SERVER: kamailio | memory | durable (parley with parley.location.durability=memory or durable)
#
# env: KIT (the shared bench kit, default <repo>/../shared/bench/sip), PORT=25370 (the server's UDP port),
# GEN_PORT=25400 (parley load's first local port: fixed, so that a run refreshes the bindings of the run before
# instead of adding one more contact per AoR, as SIPp's fixed port does),
# LOCAL_PORT=25380 MEDIA_PORT=25700 (SIPp's), BENCH_LOCK (lock file shared with other benchmarks),
# RATES="20000 25000 30000 35000 40000" (load-max/auth-max), DURATION=8 (s per step), SOCKETS=4 (parley load
# sockets), START/FACTOR/BATCH/MAX_BATCHES/REFINE (find-max), SERVER_XMX=4g, REG_MAX=524288 (parley's
# parley.registrar.aors.max and bindings.max; 1,048,576 for mem1m), AUTH_USERS=400000, MEM1M_RATE=20000,
# MEM1M_XMX=8g, KEEP=1 keeps the work directory.
#
# parley runs with its default timers and transaction table: an answered REGISTER leaves the table at once and
# waits out Timer J in parley.sip.transactions.completed (32m by default). The generator runs with T1 = 50 ms
# and a table of 524,288 (its client transactions linger T4 = 5 s after the answer, Timer K).
# Clean step (as measure.sh): failed + unfinished <= 0.1 % of started, achieved >= 95 % of offered.
# CPU is utime+stime from /proc/PID/stat of the server's whole process tree over the step, percent of one core.

set -euo pipefail

here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -P "$here/../.." && pwd)
KIT=${KIT:-$root/../shared/bench/sip}
PORT=${PORT:-25370}
export LOCAL_PORT=${LOCAL_PORT:-25380} MEDIA_PORT=${MEDIA_PORT:-25700}
RATES=${RATES:-20000 25000 30000 35000 40000}
export DURATION=${DURATION:-8}
SOCKETS=${SOCKETS:-4}
SERVER_XMX=${SERVER_XMX:-4g}
MEM1M_RATE=${MEM1M_RATE:-20000}
MEM1M_XMX=${MEM1M_XMX:-8g}
AUTH_USERS=${AUTH_USERS:-400000}
REG_MAX=${REG_MAX:-524288}
GEN_PORT=${GEN_PORT:-25400}
hz=$(getconf CLK_TCK)
work=$(mktemp -d)
export SIP_BENCH_OUT=$work/sip-bench
srv_pid=''
kam=0

cleanup() {
    if [ -n "$srv_pid" ]; then kill "$srv_pid" 2>/dev/null || true; wait "$srv_pid" 2>/dev/null || true; fi
    if [ "$kam" = 1 ]; then SIP_PORT=$PORT OUT_DIR=$work/kam "$KIT/kamailio-run.sh" stop >/dev/null || true; fi
    if [ -n "${KEEP:-}" ]; then echo "# kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

[ $# -ge 2 ] || { sed -n '3,26p' "$0"; exit 2; }
phase=$1; shift
[ -x "$KIT/measure.sh" ] || { echo "no bench kit at $KIT (set KIT)" >&2; exit 2; }

# ticks PID: utime+stime of PID and its children processes (Kamailio forks), in clock ticks
ticks() {
    local t=0 p
    for p in $1 $(pgrep -P "$1" 2>/dev/null || true); do
        t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
    done
    echo "$t"
}

other_busy() { # machine busy ticks (all CPUs)
    awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat
}

# shellcheck source=bench-users.sh
. "$here/bench-users.sh"

start_server() { # start_server SERVER AUTH(none|digest) XMX [AORS]
    local server=$1 auth=$2 xmx=$3 reg_max=${4:-$REG_MAX}
    if [ "$server" = kamailio ]; then
        local mode=registrar
        [ "$auth" = digest ] && mode=registrar-auth
        KAM_MODE=$mode KAM_CHILDREN=1 KAM_SHM_MB=${KAM_SHM_MB:-512} KAM_CPUS=${SERVER_CPUS:-} SIP_PORT=$PORT OUT_DIR=$work/kam \
            "$KIT/kamailio-run.sh" start >&2
        kam=1
        srv_pid=''
        SERVER_PID=$(cat "$work/kam/kamailio.pid")
        return
    fi
    local data=$work/data-$server-$auth
    rm -rf "$data"; mkdir -p "$data"
    cat > "$work/$server.properties" <<PROPS
parley.sip.mode=registrar
parley.sip.udp.address=127.0.0.1
parley.sip.udp.port=$PORT
parley.sip.tcp.enabled=false
parley.http.enabled=false
parley.data.dir=$data
parley.threads=shared
parley.registrar.domains=127.0.0.1
parley.registrar.auth=$auth
parley.auth.algorithms=MD5
parley.auth.nonce.counts=1048576
parley.location.durability=$server
parley.location.port.base=${LOCATION_PORT_BASE:-26110}
parley.registrar.aors.max=$reg_max
parley.registrar.bindings.max=$reg_max
PROPS
    if [ "$auth" = digest ]; then users_file "$data/users.txt" "$AUTH_USERS"; fi
    local pin=()
    [ -n "${SERVER_CPUS:-}" ] && pin=(taskset -c "$SERVER_CPUS")
    PARLEY_JVM_OPTS="-Xmx$xmx ${SERVER_JVM_OPTS:-}" "${pin[@]}" "$root/bin/parley" server --config "$work/$server.properties" \
        > "$work/server-$server.log" 2>&1 &
    srv_pid=$!
    for _ in $(seq 1 300); do
        grep -q 'running in' "$work/server-$server.log" && break
        kill -0 "$srv_pid" 2>/dev/null || { cat "$work/server-$server.log" >&2; exit 1; }
        sleep 0.1
    done
    grep -q 'running in' "$work/server-$server.log" || { echo "parley did not start:" >&2; \
        head -20 "$work/server-$server.log" >&2; exit 1; }
    SERVER_PID=$srv_pid
}

stop_server() {
    if [ "$kam" = 1 ]; then SIP_PORT=$PORT OUT_DIR=$work/kam "$KIT/kamailio-run.sh" stop >&2; kam=0; fi
    if [ -n "$srv_pid" ]; then kill "$srv_pid"; wait "$srv_pid" 2>/dev/null || true; srv_pid=''; fi
}

cat > "$work/load.properties" <<PROPS
parley.sip.timer.t1=50ms
parley.sip.transactions.max=524288
parley.sip.transaction.buffer=1k
PROPS

# load RATE SECONDS USERS [extra args]: one `parley load register` run; prints its JSON, the generator's CPU
# seconds in $work/gen.cpu
load() {
    local rate=$1 secs=$2 users=$3; shift 3
    PARLEY_JVM_OPTS="-Xmx2g" timeout $((secs * 3 + 30)) /usr/bin/time -f '%U %S' -o "$work/gen.cpu" \
        "$root/bin/parley" load register "127.0.0.1:$PORT" --config "$work/load.properties" \
        --users "u[1-$users]@127.0.0.1" --password secret -r "$rate" -d "${secs}s" --sockets "$SOCKETS" \
        --local "127.0.0.1:$GEN_PORT" --drain 5s --json -q "$@" 2>"$work/load.err" | tail -1
}

lock() { if [ -n "${BENCH_LOCK:-}" ]; then exec 9>>"$BENCH_LOCK"; flock -w 600 9; fi; }
unlock() { if [ -n "${BENCH_LOCK:-}" ]; then flock -u 9; exec 9>&-; fi; }

# step RATE: one load step; prints offered, achieved, started, failed, unfinished, retransmissions, p50 and p99
# (ms), server CPU % of one core over the generator's elapsed time, server and generator CPU µs per successful
# REGISTER (the generator's includes its JVM start), CPU % of everything else over the step, verdict
step() {
    local rate=$1 s0 s1 b0 b1 t0 t1 json users
    users=$(( rate * DURATION ))
    [ "$users" -gt "$AUTH_USERS" ] && users=$AUTH_USERS
    s0=$(ticks "$SERVER_PID"); b0=$(other_busy); t0=$(date +%s.%N)
    json=$(load "$rate" "$DURATION" "$users" || true); echo "$json" > "$work/last.json"
    s1=$(ticks "$SERVER_PID"); b1=$(other_busy); t1=$(date +%s.%N)
    python3 - "$rate" "$json" "$s0" "$s1" "$b0" "$b1" "$t0" "$t1" "$hz" "$(tail -1 "$work/gen.cpu" 2>/dev/null)" <<'PY'
import json, sys
rate = float(sys.argv[1])
try:
    j = json.loads(sys.argv[2])
except ValueError:
    print("%6d no-result FAIL" % rate); sys.exit(0)
s0, s1, b0, b1 = (int(x) for x in sys.argv[3:7])
t0, t1, hz = float(sys.argv[7]), float(sys.argv[8]), float(sys.argv[9])
gen = sum(float(x) for x in sys.argv[10].split()) if sys.argv[10].strip() else 0.0
wall = t1 - t0
el = j["elapsed_s"]
srv_s = (s1 - s0) / hz
oth = 100.0 * ((b1 - b0) / hz - srv_s - gen) / wall
ok = max(1, j["succeeded"])
bad = j["failed"] + j["unfinished"]
lat = j["latency_us"].get("register", {"p50": 0, "p99": 0})
clean = bad <= 0.001 * max(1, j["started"]) and j["achieved_per_s"] >= 0.95 * rate
print("%6d %8.0f %7d %6d %6d %7d %6.2f %7.2f %6.1f %6.1f %6.1f %6.1f %s%s" % (rate, j["achieved_per_s"],
      j["started"], j["failed"], j["unfinished"], j["retransmissions"], lat["p50"] / 1000.0, lat["p99"] / 1000.0,
      100.0 * srv_s / el, 1e6 * srv_s / ok, 1e6 * gen / ok, oth, "CLEAN" if clean else "FAIL",
      "+NOISY" if oth > 25 else ""))
PY
}

ladder() { # ladder AUTH: load steps in RATES until the first unclean one
    echo "#  rate achieved started failed unfin retrans p50ms p99ms srv% srv_us gen_us oth% verdict"
    local r line
    for r in $RATES; do
        lock; line=$(step "$r"); unlock
        [ -n "${SHOW_JSON:-}" ] && echo "# $(cat "$work/last.json")"
        echo "$line"
        case $line in *FAIL*) break ;; esac
    done
}

warmup() { # JIT warm-up of a parley server (unreported)
    [ "$1" = kamailio ] && return
    load "${WARMUP_RATE:-10000}" 6 60000 > /dev/null || true
}

# cpu_ns PID...: CPU time of every thread of the processes, ns (schedstat: exact, and no perf counters to save and
# restore at each context switch, which would charge the process that switches more); ctx_sw PID...: their
# voluntary and involuntary context switches
cpu_ns() {
    local p; for p in "$@"; do cat /proc/"$p"/task/*/schedstat 2>/dev/null; done | awk '{s += $1} END{printf "%.0f", s}'
}
ctx_sw() {
    local p; for p in "$@"; do cat /proc/"$p"/task/*/status 2>/dev/null; done |
        awk '/^(non)?voluntary_ctxt_switches/{s += $2} END{printf "%.0f", s}'
}

# cpu_perf SERVER: SIPp register.xml: 100,000 REGISTERs (u1..u100000) of warm-up at 10,000/s, then WINDOWS runs of
# the same 100,000 AoRs at CPU_RATE, each measured over WINDOW seconds from its second second, so every server holds
# the same 100,000 AoRs and every measured REGISTER is a refresh (as measure.sh's steps after the first). Per window:
# µs of server CPU and context switches per REGISTER (REGISTERs = rate x window), from schedstat; with PERF=1 (or
# EVENTS or PER_THREAD) from `perf stat` instead.
cpu_perf() {
    local rate=${CPU_RATE:-10000} win=${WINDOW:-8} n=${WINDOWS:-3} aors=100000 f=1 pids plist sipp_pid w out ms cs
    local c0 c1 x0 x1 e
    [ -n "${PER_THREAD:-}" ] && f=2
    local gen=()
    [ -n "${GEN_CPUS:-}" ] && gen=(taskset -c "$GEN_CPUS")
    sipp_run() { # sipp_run RATE CALLS
        timeout $(( $2 / $1 + 30 )) "${gen[@]}" sipp "127.0.0.1:$PORT" -sf "$KIT/register.xml" -i 127.0.0.1 -p "$LOCAL_PORT" \
            -buff_size 1048576 -r "$1" -m "$2" -nostdin -timeout "$(( $2 / $1 + 20 ))s" >/dev/null 2>&1
    }
    [ $(( aors / rate )) -ge $(( win + 2 )) ] || { echo "WINDOW must be at most $(( aors / rate - 2 )) s" >&2; exit 2; }
    sipp_run 10000 "$aors" || true
    pids="$SERVER_PID $(pgrep -P "$SERVER_PID" 2>/dev/null || true)"
    plist=$(echo $pids | tr ' ' ',')
    local how=schedstat
    [ -n "${PERF:-}${EVENTS:-}${PER_THREAD:-}" ] && how='perf stat'
    echo "# window  us/REGISTER  ctxsw/REGISTER  ($how${SERVER_CPUS:+, server on CPU $SERVER_CPUS}${GEN_CPUS:+, SIPp on CPU $GEN_CPUS})"
    for w in $(seq 1 "$n"); do
        sipp_run "$rate" "$aors" & sipp_pid=$!
        sleep 1
        if [ -n "${PERF:-}${EVENTS:-}${PER_THREAD:-}" ]; then
            out=$(perf stat -x, -e "task-clock,context-switches${EVENTS:+,$EVENTS}" ${PER_THREAD:+--per-thread} \
                -p "$plist" -- sleep "$win" 2>&1)
            ms=$(echo "$out" | awk -F, -v f=$f '/task-clock/{s += $f + 0} END{print s}')
            cs=$(echo "$out" | awk -F, -v f=$f '/context-switches/{s += $f + 0} END{print s}')
        else
            # shellcheck disable=SC2086
            c0=$(cpu_ns $pids); x0=$(ctx_sw $pids); sleep "$win"; c1=$(cpu_ns $pids); x1=$(ctx_sw $pids)
            ms=$(awk -v a="$c0" -v b="$c1" 'BEGIN{print (b - a) / 1e6}'); cs=$(( x1 - x0 ))
        fi
        wait "$sipp_pid" || true
        awk -v ms="$ms" -v cs="$cs" -v r="$rate" -v t="$win" -v w="$w" \
            'BEGIN{printf "%8d %12.2f %15.3f\n", w, ms * 1000 / (r * t), cs / (r * t)}'
        for e in ${EVENTS:+${EVENTS//,/ }}; do
            echo "$out" | awk -F, -v f=$f -v e="$e" -v n=$(( rate * win )) \
                '$0 ~ e {s += $f + 0} END{printf "#   %-40s %8.3f per REGISTER\n", e, s / n}'
        done
        if [ -n "${PER_THREAD:-}" ]; then
            echo "$out" | awk -F, '/task-clock/ && $2 + 0 > 0 {printf "#   %-28s %8.1f ms\n", $1, $2}' | sort -k3 -nr | head -12
        fi
    done
}

mem1m() {
    local server=$1 n=1000000 secs json heap rss
    secs=$(( n / MEM1M_RATE ))
    json=$(load "$MEM1M_RATE" "$secs" "$n" -m "$n" --expires 7200 || true)
    echo "# $server: register $n AoRs at $MEM1M_RATE/s: $json"
    sleep 2
    jcmd "$SERVER_PID" GC.run > /dev/null
    sleep 1
    heap=$(jcmd "$SERVER_PID" GC.heap_info)
    rss=$(awk '/VmRSS/{print $2 / 1024 " MiB"}' "/proc/$SERVER_PID/status")
    echo "# $server: heap after full GC:"; echo "$heap" | sed 's/^/#   /'
    echo "# $server: VmRSS $rss"
}

for server in "$@"; do
    echo "## $phase $server $(date -Is)"
    case $phase in
    sipp-max)
        start_server "$server" none "$SERVER_XMX"
        warm=()
        [ "$server" != kamailio ] && warm=(WARMUP_CALLS=100000 WARMUP_RATE=10000)
        env "${warm[@]}" SERVER_PID="$SERVER_PID" START=${START:-20000} FACTOR=${FACTOR:-1.2} BATCH=${BATCH:-4} \
            MAX_BATCHES=${MAX_BATCHES:-2} REFINE=${REFINE:-2} COOLDOWN=${COOLDOWN:-5} QUIET_MAX_WAIT=${QUIET_MAX_WAIT:-10} \
            "$KIT/find-max.sh" "127.0.0.1:$PORT" register
        ;;
    cpu10k)
        start_server "$server" none "$SERVER_XMX"
        warm=()
        [ "$server" != kamailio ] && warm=(WARMUP_CALLS=100000 WARMUP_RATE=10000)
        env "${warm[@]}" SERVER_PID="$SERVER_PID" QUIET_MAX_WAIT=${QUIET_MAX_WAIT:-10} \
            "$KIT/measure.sh" "127.0.0.1:$PORT" register "${CPU_RATES:-10000 10000 10000}"
        ;;
    cpu-perf)
        start_server "$server" none "$SERVER_XMX"; cpu_perf "$server"
        ;;
    load-max)
        start_server "$server" none "$SERVER_XMX"; warmup "$server"; ladder
        ;;
    auth-max)
        start_server "$server" digest "$SERVER_XMX"; warmup "$server"; ladder
        ;;
    mem1m)
        [ "$server" = kamailio ] && { echo "# mem1m is for parley only"; continue; }
        start_server "$server" none "$MEM1M_XMX" 1048576; mem1m "$server"
        ;;
    *) echo "unknown phase $phase" >&2; exit 2 ;;
    esac
    stop_server
done
