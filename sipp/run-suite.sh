#!/usr/bin/env bash
#
# sipp/run-suite.sh - the SIPp interop suite: every scenario in sipp/*.xml against `parley server`
# in full-uas mode, over UDP and TCP, on IPv4 (127.0.0.1) and IPv6 (::1).
#
#   sipp/run-suite.sh [--out DIR] [--only REGEX]
#
#   --out DIR     where the logs go (default: target/sipp under the repo root): server.log, the
#                 generated server config, and per run <scenario>-<udp|tcp>-<v4|v6>/ with SIPp's
#                 messages.log, errors.log and screen.log (target-*.log for the REFER target).
#   --only REGEX  run only the runs whose name <scenario>-<transport>-<family> matches (bash =~),
#                 e.g. --only 'cancel|prack' or --only '-tcp-v6$'.
#
# Prints one line per run, `sipp <scenario> <udp|tcp> <v4|v6> PASS` or
# `... FAIL expected <what the scenario expected> received <what came>`, then
# `sipp suite: N passed, M failed`. Exit 0 when every run passed, 1 when one failed or the server
# did not start, 2 on a usage error, 77 when sipp is not installed.
#
# The server is started here (bin/parley, which builds tools/target/parley.jar when it is stale) on a
# free port P from 25060 upward (UDP and TCP share the number); PARLEY_JVM_OPTS is passed through,
# other PARLEY_* variables are not (they would override the generated config). It is stopped with
# SIGTERM on exit. SIPp runs in the foreground, one call each, bounded by -recv_timeout (each
# expected message), -timeout (the whole run) and an outer `timeout`.

set -euo pipefail

readonly FIRST_PORT=25060
readonly START_WAIT_S=30          # until the server log says "running in"
readonly BUILD_WAIT_S=300         # the same when bin/parley has to build the jar first
readonly RECV_TIMEOUT=4s          # per expected message
readonly RUN_TIMEOUT=20s          # per SIPp run (SIPp's own -timeout)
readonly RUN_KILL_S=40            # outer bound per SIPp process
readonly TARGET_WAIT_S=8          # REFER target: how long it may outlive the main run

here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -P "$here/.." && pwd)
out=$root/target/sipp
only=''

usage() {
    sed -n '3,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

while [ $# -gt 0 ]; do
    case $1 in
        --out)
            [ $# -ge 2 ] || { usage >&2; exit 2; }
            out=$2
            shift 2
            ;;
        --only)
            [ $# -ge 2 ] || { usage >&2; exit 2; }
            only=$2
            shift 2
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            printf 'run-suite: unknown argument %s\n' "$1" >&2
            usage >&2
            exit 2
            ;;
    esac
done

if ! command -v sipp >/dev/null 2>&1; then
    echo "sipp not installed: apt-get install sip-tester"
    exit 77
fi

mkdir -p "$out"
out=$(cd -P "$out" && pwd)

# --- scenarios -----------------------------------------------------------------------------------
# Every sipp/*.xml is a UAC scenario run against the server, except the REFER targets, which a
# second SIPp plays as the UAS the server calls.
scenarios=()
for file in "$here"/*.xml; do
    name=$(basename "$file" .xml)
    case $name in refer-target-*) continue ;; esac
    scenarios+=("$name")
done

# The REFER target scenario a scenario needs, or nothing.
target_of() {
    case $1 in
        refer-success) echo refer-target-ok ;;
        refer-failure) echo refer-target-busy ;;
        *) ;;
    esac
}

runs=()
for name in "${scenarios[@]}"; do
    for transport in udp tcp; do
        for family in v4 v6; do
            run=$name-$transport-$family
            if [ -z "$only" ] || [[ $run =~ $only ]]; then
                runs+=("$run")
            fi
        done
    done
done
if [ ${#runs[@]} -eq 0 ]; then
    printf 'run-suite: no run matches --only %s\n' "$only" >&2
    exit 2
fi

# --- ports ---------------------------------------------------------------------------------------
# True if nothing uses local port $1 over TCP or UDP (listening, connected or in TIME-WAIT).
port_free() {
    if command -v ss >/dev/null 2>&1; then
        [ -z "$(ss -Hantu "( sport = :$1 )" 2>/dev/null)" ]
    else
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
            return 1
        fi
    fi
}

next_port=$FIRST_PORT
# Sets `port` to the next free port from next_port upward (a function would run in a subshell).
take_port() {
    while ! port_free "$next_port"; do
        next_port=$((next_port + 1))
        [ "$next_port" -lt 65000 ] || { echo "run-suite: no free port" >&2; exit 1; }
    done
    port=$next_port
    next_port=$((next_port + 1))
}

# --- cleanup -------------------------------------------------------------------------------------
server_pid=''
target_pid=''

stop_pid() {
    local pid=$1 waited=0
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 100 ]; do
        sleep 0.1
        waited=$((waited + 1))
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    stop_pid "$target_pid"
    stop_pid "$server_pid"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- server --------------------------------------------------------------------------------------
log=$out/server.log
config=$out/parley-sipp.properties
for run in "${runs[@]}"; do
    rm -rf "${out:?}/$run"
done
rm -rf "$out/data"

server_fail() {
    printf 'run-suite: %s; last lines of %s:\n' "$1" "$log"
    tail -n 20 "$log" | sed 's/^/  /'
    printf 'sipp suite: 0 passed, %d failed\n' "${#runs[@]}"
    exit 1
}

take_port
server_port=$port
cat >"$config" <<EOF
# Generated by sipp/run-suite.sh for one suite run.
parley.sip.mode=full-uas
parley.sip.udp.address=127.0.0.1,::1
parley.sip.tcp.address=127.0.0.1,::1
parley.sip.udp.port=$server_port
parley.sip.tcp.port=$server_port
parley.uas.answer.delay=300ms
parley.data.dir=$out/data
parley.http.enabled=false
EOF

(
    # Environment overrides the config file: keep only the JVM options.
    while IFS= read -r var; do
        [ "$var" = PARLEY_JVM_OPTS ] || unset "$var"
    done < <(compgen -e | grep '^PARLEY_' || true)
    exec "$root/bin/parley" server --config "$config"
) >"$log" 2>&1 </dev/null &
server_pid=$!

started=$SECONDS
while ! grep -q 'running in' "$log" 2>/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || server_fail "the server exited before it was running"
    limit=$START_WAIT_S
    grep -q 'building' "$log" 2>/dev/null && limit=$BUILD_WAIT_S
    [ $((SECONDS - started)) -lt "$limit" ] || server_fail "the server was not running after ${limit} s"
    sleep 0.1
done

# --- verdicts ------------------------------------------------------------------------------------
# Prints "expected <what> received <what>" for a failed SIPp run, from its error file, message file
# and screen output; $1 error file, $2 message file, $3 screen file, $4 scenario file, $5 exit code.
explain() {
    perl "$here/explain-failure.pl" "$@"
}

# --- runs ----------------------------------------------------------------------------------------
passed=0
failed=0

# Runs one SIPp with the given arguments and logs in directory $1 under prefix $2; the rest are SIPp
# arguments. Sets `rc`.
sipp_common() {
    local dir=$1 prefix=$2
    shift 2
    rc=0
    (cd "$dir" && exec timeout -k 5 "$RUN_KILL_S" sipp "$@" \
        -nostdin -timeout "$RUN_TIMEOUT" -timeout_error -recv_timeout "$RECV_TIMEOUT" \
        -trace_msg -message_file "$dir/${prefix}messages.log" \
        -trace_err -error_file "$dir/${prefix}errors.log") \
        >"$dir/${prefix}screen.log" 2>&1 </dev/null || rc=$?
}

# True once a SIPp UAS is bound to $2 ($1 udp or tcp).
bound() {
    if command -v ss >/dev/null 2>&1; then
        if [ "$1" = tcp ]; then
            [ -n "$(ss -Hltn "( sport = :$2 )" 2>/dev/null)" ]
        else
            [ -n "$(ss -Hlun "( sport = :$2 )" 2>/dev/null)" ]
        fi
    else
        sleep 0.5
    fi
}

for run in "${runs[@]}"; do
    family=${run##*-}
    rest=${run%-*}
    transport=${rest##*-}
    name=${rest%-*}
    dir=$out/$run
    mkdir -p "$dir"
    if [ "$family" = v4 ]; then
        ip=127.0.0.1
        host=127.0.0.1
    else
        ip=::1
        host='[::1]'
    fi
    flag=u1
    [ "$transport" = udp ] || flag=t1
    verdict=''

    kill -0 "$server_pid" 2>/dev/null || verdict='expected a running server received server exited (see server.log)'

    target=$(target_of "$name")
    extra=()
    if [ -z "$verdict" ] && [ -n "$target" ]; then
        take_port
        target_port=$port
        sipp -sf "$here/$target.xml" -t "$flag" -i "$ip" -p "$target_port" -m 1 \
            -nostdin -timeout "$RUN_TIMEOUT" -timeout_error -recv_timeout "$RECV_TIMEOUT" \
            -trace_msg -message_file "$dir/target-messages.log" \
            -trace_err -error_file "$dir/target-errors.log" \
            >"$dir/target-screen.log" 2>&1 </dev/null &
        target_pid=$!
        waited=0
        while ! bound "$transport" "$target_port" && [ "$waited" -lt 50 ]; do
            kill -0 "$target_pid" 2>/dev/null || break
            sleep 0.1
            waited=$((waited + 1))
        done
        extra=(-key refer_target "sip:target@$host:$target_port;transport=$transport")
    fi

    if [ -z "$verdict" ]; then
        take_port
        sipp_common "$dir" '' -sf "$here/$name.xml" -t "$flag" -i "$ip" -p "$port" -m 1 "${extra[@]}" \
            "$host:$server_port"
        if [ "$rc" -ne 0 ]; then
            verdict=$(explain "$dir/errors.log" "$dir/messages.log" "$dir/screen.log" "$here/$name.xml" "$rc")
        fi
    fi

    if [ -n "$target_pid" ]; then
        waited=0
        while kill -0 "$target_pid" 2>/dev/null && [ "$waited" -lt $((TARGET_WAIT_S * 10)) ]; do
            sleep 0.1
            waited=$((waited + 1))
        done
        target_rc=0
        if kill -0 "$target_pid" 2>/dev/null; then
            stop_pid "$target_pid"
            target_rc=124
        else
            wait "$target_pid" || target_rc=$?
        fi
        target_pid=''
        if [ -z "$verdict" ] && [ "$target_rc" -ne 0 ]; then
            verdict="(refer target) $(explain "$dir/target-errors.log" "$dir/target-messages.log" \
                "$dir/target-screen.log" "$here/$target.xml" "$target_rc")"
        fi
    fi

    if [ -z "$verdict" ]; then
        printf 'sipp %s %s %s PASS\n' "$name" "$transport" "$family"
        passed=$((passed + 1))
    else
        printf 'sipp %s %s %s FAIL %s\n' "$name" "$transport" "$family" "$verdict"
        failed=$((failed + 1))
    fi
done

printf 'sipp suite: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
