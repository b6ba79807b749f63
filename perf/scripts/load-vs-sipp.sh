#!/usr/bin/env bash
#
# perf/scripts/load-vs-sipp.sh - CPU per completed call of two SIP load generators against the same UAS:
# SIPp's built-in uac scenario and `parley load call`, one after the other, at the same offered rate.
# With SCENARIO=register-auth: CPU per digest registration (REGISTER, 401, REGISTER with credentials, 200) of
# SIPp's register-auth.xml (from the shared kit) and `parley load register`, against Kamailio's registrar with
# WITH_AUTH (any user, password "secret"; the kit's kamailio-run.sh), or with UAS=registrar against `parley server`'s
# registrar (memory store, digest MD5, users u1..uN and bench, password "secret"; SIPp authenticates every AoR as
# the one user bench, so bench is a parley.registrar.third.party.users user). Several rates make a ladder: the
# highest rate with 0 failures is a generator's ceiling on that target, and the CPU columns say who saturated.
#
#   perf/scripts/load-vs-sipp.sh RATE [RATE ...]
#
# env: SCENARIO=call|register-auth, KIT (the shared bench kit, default <repo>/../shared/bench/sip),
# TX_MAX=262144 and UAS_XMX=4g (the parley UAS's transaction table and heap, raise both for ceilings), DURATION=16 (seconds of traffic per run), WINDOW_START=4 WINDOW=10 (the steady-state window, seconds
# after the generator starts, over which CPU is sampled), UAS=parley|sipp for calls (default parley: `parley server`
# in full-uas mode; sipp: `sipp -sn uas`), UAS=kamailio|registrar for register-auth (default kamailio), PORT=25100 (the UAS's port), LOAD_OPTS (extra options of parley load; not PARLEY_*, which parley reads as config keys),
# LOAD_JVM_OPTS (more JVM options of parley load, e.g. -Dparley.idle.shared=sleep), T1=100ms: RFC 3261 T1 of the parley UAS and of parley load. Transactions linger 64*T1 after their final
# response (Timer J/M); at thousands of calls per second the default 500 ms (32 s) needs tables of hundreds of
# thousands, so the run uses 100 ms (6.4 s, near Kamailio's 5 s wait timer); SIPp keeps no such state.
# GENERATORS="sipp parley" (which to run at each rate, in order), FRESH_UAS=1 (a fresh UAS before every run, so
# that one generator's collapse at a ceiling cannot leave the UAS backlogged for the next),
# LOAD_T1 (default T1): parley load's own T1 alone; SIPp retransmits after its default 500 ms, so LOAD_T1=500ms
# compares like with like where responses are late (ceilings).
# COUNTERS=1: also count the generator's CPU cycles and instructions (user + kernel) per call over the same window
# with `perf stat -p` (needs perf: apt-get install linux-perf), two more columns; steadier than /proc's clock
# ticks, which at 2,000 calls/s are some 40 per window.
#
# For each generator and rate: CPU of the generator and of the UAS over the window, from /proc/PID/stat
# (utime+stime, like ../shared/bench/sip/measure.sh), divided by the calls the window should complete at that
# rate (rate x window), and the run's own count of failed calls (SIPp's FailedCall; parley load's failed and
# unfinished), and the achieved rate (parley load's own achieved_per_s, scaled by (DURATION + R/2) / DURATION for a
# --ramp-up of R seconds in LOAD_OPTS; SIPp's successful calls over the time from its StartTime to its last
# statistics line, written when the last call ended). As the kit's measure.sh rules, a run with more than 0.1 % of its calls failed, or
# that achieved less than 95 % of the offered rate, is marked NOT CLEAN: its CPU per call then means little. Every
# run is bounded (-m calls, timeout).

set -euo pipefail

here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -P "$here/../.." && pwd)
DURATION=${DURATION:-16}
WINDOW_START=${WINDOW_START:-4}
WINDOW=${WINDOW:-10}
T1=${T1:-100ms}
SCENARIO=${SCENARIO:-call}
if [ "$SCENARIO" = register-auth ]; then UAS=${UAS:-kamailio}; else UAS=${UAS:-parley}; fi
case "$SCENARIO/$UAS" in
    call/parley | call/sipp | register-auth/kamailio | register-auth/registrar) ;;
    *) echo "UAS=$UAS does not serve SCENARIO=$SCENARIO (call: parley or sipp; register-auth: kamailio or registrar)" >&2
       exit 2 ;;
esac
KIT=${KIT:-$root/../shared/bench/sip}
TX_MAX=${TX_MAX:-262144}
UAS_XMX=${UAS_XMX:-4g}
PORT=${PORT:-25100}
GENERATORS=${GENERATORS:-sipp parley}
COUNTERS=${COUNTERS:-}
hz=$(getconf CLK_TCK)
work=$(mktemp -d)
uas_pid=''

stop_uas() {
    if [ "$UAS" = kamailio ]; then
        SIP_PORT=$PORT OUT_DIR=$work/kam "$KIT/kamailio-run.sh" stop >/dev/null 2>&1 || true
    elif [ "$UAS" = sipp ] && [ -n "$uas_pid" ]; then
        kill "$uas_pid" 2>/dev/null || true
    elif [ -n "$uas_pid" ]; then
        kill "$uas_pid" 2>/dev/null || true
        wait "$uas_pid" 2>/dev/null || true
    fi
    uas_pid=''
}

cleanup() {
    stop_uas
    if [ -n "${KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
KEEP=${KEEP:-}

[ $# -ge 1 ] || { awk 'NR >= 3 && /^#/ {print} /^set -e/ {exit}' "$0"; exit 2; }
command -v sipp >/dev/null || { echo "sipp not installed: apt-get install sip-tester" >&2; exit 77; }
if [ -n "$COUNTERS" ] && ! command -v perf >/dev/null; then
    echo "COUNTERS=1 needs perf: apt-get install linux-perf" >&2
    exit 2
fi

ticks() {
    # utime + stime of a process, in clock ticks; for Kamailio, of all its processes
    if [ "$1" = "$uas_pid" ] && [ "$UAS" = kamailio ]; then
        # shellcheck disable=SC2046
        cat $(pgrep -f "kamailio -f kamailio-registrar.cfg" | sed 's:.*:/proc/&/stat:') 2>/dev/null |
            awk '{t += $14 + $15} END {print t + 0}'
    else
        awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0
    fi
}

start_uas() {
    if [ "$UAS" = kamailio ]; then
        SIP_PORT=$PORT OUT_DIR=$work/kam KAM_MODE=registrar-auth KAM_SHM_MB=1024 "$KIT/kamailio-run.sh" start >/dev/null
        uas_pid=$(cat "$work/kam/kamailio.pid")
    elif [ "$UAS" = sipp ]; then
        sipp -sn uas -i 127.0.0.1 -p "$PORT" -bg >/dev/null 2>&1 &
        sleep 1
        uas_pid=$(pgrep -n -f "sipp -sn uas -i 127.0.0.1 -p $PORT")
    elif [ "$UAS" = registrar ]; then
        start_registrar
    else
        uas_properties full-uas
        cat >> "$work/uas.properties" <<PROPS
parley.sip.transaction.buffer=2k
parley.uas.dialogs.max=65536
PROPS
        start_parley
    fi
}

uas_properties() { # uas_properties MODE: what every parley UAS of this script has, in $work/uas.properties
    cat > "$work/uas.properties" <<PROPS
parley.sip.udp.address=127.0.0.1
parley.sip.mode=$1
parley.sip.udp.port=$PORT
parley.sip.tcp.enabled=false
parley.http.enabled=false
parley.data.dir=$work/data
parley.sip.timer.t1=$T1
parley.sip.transactions.max=$TX_MAX
PROPS
}

start_parley() { # parley server on $work/uas.properties
    PARLEY_JVM_OPTS="-Xmx$UAS_XMX" "$root/bin/parley" server --config "$work/uas.properties" > "$work/uas.log" 2>&1 &
    uas_pid=$!
    for _ in $(seq 1 300); do
        grep -q 'running in' "$work/uas.log" && return
        kill -0 "$uas_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "parley server did not start:" >&2
    tail -n 20 "$work/uas.log" >&2
    exit 1
}

# shellcheck source=bench-users.sh
. "$here/bench-users.sh"

start_registrar() { # parley's registrar with digest: every AoR a run registers, plus bench for SIPp; each generator
    # binds its own contact (its own port) to the same AoRs
    local aors=$((max_rate * DURATION + 16)) gens
    gens=$(wc -w <<< "$GENERATORS")
    [ -n "${FRESH_UAS:-}" ] && gens=1
    rm -rf "$work/data"; mkdir -p "$work/data"
    [ -s "$work/users.txt" ] || users_file "$work/users.txt" "$aors" bench
    cp "$work/users.txt" "$work/data/users.txt"
    uas_properties registrar
    cat >> "$work/uas.properties" <<PROPS
parley.sip.transactions.completed=${COMPLETED:-512m}
parley.registrar.domains=127.0.0.1
parley.registrar.auth=digest
parley.registrar.third.party.users=bench@127.0.0.1
parley.auth.algorithms=MD5
parley.auth.nonce.counts=4194304
parley.location.durability=memory
parley.registrar.aors.max=$aors
parley.registrar.bindings.max=$((aors * gens))
PROPS
    start_parley
}

# run GENERATOR RATE: prints "generator rate gen_us_per_call uas_us_per_call gen_cpu uas_cpu failed achieved"
run() {
    local gen=$1 rate=$2 calls pid child g0 u0 g1 u1 failed achieved ramp
    calls=$((rate * DURATION))
    if [ "$gen" = sipp ] && [ "$SCENARIO" = register-auth ]; then
        timeout $((DURATION + 60)) sipp "127.0.0.1:$PORT" -sf "$KIT/register-auth.xml" -i 127.0.0.1 -p 25190 \
            -r "$rate" -m "$calls" -l $((rate * 4)) -buff_size 1048576 -nostdin -trace_stat -stf "$work/sipp.csv" \
            > /dev/null 2>&1 &
    elif [ "$SCENARIO" = register-auth ]; then
        # shellcheck disable=SC2086
        PARLEY_JVM_OPTS="-Dparley.sip.timer.t1=${LOAD_T1:-$T1} -Dparley.sip.transaction.buffer=2k ${LOAD_JVM_OPTS:-}" \
            timeout $((DURATION + 60)) "$root/bin/parley" load register "127.0.0.1:$PORT" -r "$rate" -m "$calls" \
            --users "u[1-$calls]@127.0.0.1" --password secret --local 127.0.0.1:25191 \
            -q --json ${LOAD_OPTS:-} > "$work/parley.json" 2>&1 &
    elif [ "$gen" = sipp ]; then
        timeout $((DURATION + 60)) sipp "127.0.0.1:$PORT" -sn uac -i 127.0.0.1 -p 25190 -r "$rate" -m "$calls" \
            -l $((rate * 4)) -buff_size 1048576 -nostdin -trace_stat -stf "$work/sipp.csv" \
            > /dev/null 2>&1 &
    else
        # shellcheck disable=SC2086
        PARLEY_JVM_OPTS="-Dparley.sip.timer.t1=${LOAD_T1:-$T1} -Dparley.sip.transaction.buffer=2k ${LOAD_JVM_OPTS:-}" \
            timeout $((DURATION + 60)) "$root/bin/parley" load call "127.0.0.1:$PORT" -r "$rate" -m "$calls" \
            -q --json ${LOAD_OPTS:-} > "$work/parley.json" 2>&1 &
    fi
    pid=$!
    sleep "$WINDOW_START"
    # timeout runs the generator as its child; bin/parley execs the JVM in place.
    child=$(pgrep -P "$pid" | head -n 1 || true)
    g0=$(ticks "${child:-$pid}"); u0=$(ticks "$uas_pid")
    if [ -n "$COUNTERS" ]; then
        perf stat -x, -e cycles:u,cycles:k,instructions:u,instructions:k -o "$work/perf.txt" -p "${child:-$pid}" \
            -- sleep "$WINDOW" 2>/dev/null || : > "$work/perf.txt"
    else
        sleep "$WINDOW"
    fi
    g1=$(ticks "${child:-$pid}"); u1=$(ticks "$uas_pid")
    wait "$pid" || true
    if [ "$gen" = sipp ]; then
        failed=$(awk -F';' 'NR==1 {for (i = 1; i <= NF; i++) if ($i == "FailedCall(C)") c = i} END {print $c}' \
            "$work/sipp.csv")
        # successful calls over the scenario's time: from StartTime to the CurrentTime of the last statistics line,
        # written once the last call ended (each time field ends with epoch seconds, microsecond resolution)
        achieved=$(awk -F';' 'NR==1 {for (i = 1; i <= NF; i++) if ($i == "SuccessfulCall(C)") c = i}
            END {n = split($1, a, /[ \t]+/); m = split($3, b, /[ \t]+/); printf "%.0f", $c / (b[m] - a[n])}' \
            "$work/sipp.csv")
    else
        failed=$(sed -n 's/.*"failed":\([0-9]*\).*"unfinished":\([0-9]*\).*/\1 \2/p' "$work/parley.json" |
            awk '{print $1 + $2}')
        # with --ramp-up R the rate climbs from 0 over R seconds, so the calls take R/2 s more at best: the
        # achieved rate is given as if over DURATION
        ramp=$(sed -n 's/.*--ramp-up[ =]\([0-9.]*\)s.*/\1/p' <<< "${LOAD_OPTS:-}")
        achieved=$(sed -n 's/.*"achieved_per_s":\([0-9.]*\).*/\1/p' "$work/parley.json" |
            awk -v d="$DURATION" -v r="${ramp:-0}" '{printf "%.0f", $1 * (d + r / 2) / d}')
    fi
    counts=''
    if [ -n "$COUNTERS" ]; then
        counts=$(awk -F, -v n=$((rate * WINDOW)) '$3 ~ /^cycles/ {c += $1} $3 ~ /^instructions/ {i += $1}
            END {printf " %12d %12d", c / n, i / n}' "$work/perf.txt")
    fi
    awk -v g="$gen" -v r="$rate" -v gd=$((g1 - g0)) -v ud=$((u1 - u0)) -v hz="$hz" -v w="$WINDOW" \
        -v f="${failed:-?}" -v n="$calls" -v a="${achieved:-0}" -v counts="$counts" 'BEGIN {
            verdict = ""
            if (f == "?") verdict = "  NOT CLEAN (no count)"
            else if (f > 0.001 * n) verdict = sprintf("  NOT CLEAN (%.2f %% failed)", 100 * f / n)
            else if (a < 0.95 * r) verdict = sprintf("  NOT CLEAN (%.0f %% of the rate)", 100 * a / r)
            else if (f > 0) verdict = sprintf("  clean (%.3f %% failed)", 100 * f / n)
            printf "%-8s %6d %10.1f %10.1f %8.1f %8.1f %8s %8d%s%s\n", g, r, gd / hz * 1e6 / (r * w),
                ud / hz * 1e6 / (r * w), gd / hz * 100 / w, ud / hz * 100 / w, f, a, counts, verdict }'
}

max_rate=0
for rate in "$@"; do [ "$rate" -gt "$max_rate" ] && max_rate=$rate; done
start_uas
printf '# %s: UAS %s on 127.0.0.1:%s; CPU sampled from %ss to %ss of each %ss run\n' "$SCENARIO" "$UAS" "$PORT" \
    "$WINDOW_START" $((WINDOW_START + WINDOW)) "$DURATION"
printf '%-8s %6s %10s %10s %8s %8s %8s %8s%s\n' generator rate gen_us/call uas_us/call gen_cpu% uas_cpu% failed achieved \
    "$([ -n "$COUNTERS" ] && printf ' %12s %12s' gen_cycles/c gen_instr/c)"
first=1
for rate in "$@"; do
    for gen in $GENERATORS; do
        if [ -n "${FRESH_UAS:-}" ] && [ "$first" = 0 ]; then
            stop_uas
            start_uas
        fi
        first=0
        run "$gen" "$rate"
    done
done
