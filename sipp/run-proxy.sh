#!/usr/bin/env bash
#
# sipp/run-proxy.sh - the SIPp proxy suite: every caller scenario in sipp/proxy/*.xml against
# `parley server` in proxy mode, with the callees it needs, over UDP and TCP, on IPv4 (127.0.0.1)
# and IPv6 (::1).
#
#   sipp/run-proxy.sh [--out DIR] [--only REGEX] [--server-cmd CMD]
#
#   --out DIR         where the logs go (default: target/sipp-proxy under the repo root): the two
#                     server logs and configs, the data dirs, users.log, and per run
#                     <scenario>-<udp|tcp>-<v4|v6>/ with the caller's messages.log, errors.log and
#                     screen.log and, per callee N, callee-N-messages.log, -errors.log, -screen.log
#                     and -log.log.
#   --only REGEX      run only the runs whose name <scenario>-<transport>-<family> matches (bash =~),
#                     e.g. --only 'fork|cancel' or --only '-tcp-v6$'.
#   --server-cmd CMD  run `CMD <open|digest> <port> <users file>` instead of parley, to hold the
#                     scenarios against another proxy: it must listen on UDP and TCP, 127.0.0.1 and ::1,
#                     that port, serve example.com as described below (the users file has one
#                     `name password` line per user), print `running in` once it is ready and stop on
#                     SIGTERM.
#
# Prints one line per run, `sipp-proxy <scenario> <udp|tcp> <v4|v6> PASS` or
# `... FAIL expected <what the scenario expected> received <what came>` (prefixed with
# `(callee-N <scenario>)` when a callee failed), then `sipp proxy suite: N passed, M failed`.
# Exit 0 when every run passed, 1 when one failed or a server did not start, 2 on a usage error,
# 77 when sipp is not installed.
#
# Two servers run side by side, each on its own free port P from 25500 upward (UDP and TCP share
# the number), both in proxy mode for the domain example.com, bindings in memory:
#   digest  parley.registrar.auth=digest and parley.proxy.auth=digest; runs the scenarios named
#           digest-*. Every run of such a scenario has a caller user <run>-alice and, if the
#           scenario has callees, a callee user <run>-bob, added before the server starts with
#           `bin/parley user add <name>@example.com --password-stdin`, one random password per
#           suite run.
#   open    parley.registrar.auth=none and parley.proxy.auth=none; runs every other scenario.
# A scenario's header comment names its callees (`callees: callee-answer callee-busy`, or none).
# Each callee is a SIPp of its own on its own port, started in the background: sipp/proxy/callee.xml
# registers sip:<run>-bob@example.com with the SIPp's own address as contact (answering a 401 on the
# digest server) and logs `registered`; the out-of-call scenario callee-<x>.xml answers the call.
# Once every callee has registered (at most REGISTER_WAIT_S), the caller runs in the foreground as
# sip:<run>-alice@example.com (SIPp -key user) calling sip:<run>-bob@example.com (-key callee), so
# runs never share bindings. Then the callees get CALLEE_WAIT_S to finish (none when the caller
# failed). A run passes if the caller and every callee completed without a failed check.
# bin/parley builds tools/target/parley.jar when it is stale; PARLEY_JVM_OPTS is passed through,
# other PARLEY_* variables are not (they would override the generated configs). The servers are
# stopped with SIGTERM, by PID, on exit, as are callees still running. Every SIPp is bounded by
# -recv_timeout (each expected message), -timeout (the whole run) and an outer `timeout`.

set -euo pipefail

readonly FIRST_PORT=25500
readonly START_WAIT_S=30          # until a server log says "running in"
readonly BUILD_WAIT_S=300         # the same when bin/parley has to build the jar first
readonly RECV_TIMEOUT=4s          # per expected message
readonly RUN_TIMEOUT=20s          # per caller SIPp (SIPp's own -timeout)
readonly RUN_KILL_S=40            # outer bound per caller SIPp
readonly CALLEE_TIMEOUT=40s       # per callee SIPp: registering, the whole call, and the waits around it
readonly CALLEE_KILL_S=60         # outer bound per callee SIPp
readonly REGISTER_WAIT_S=5        # until every callee has logged "registered"
readonly CALLEE_WAIT_S=8          # how long callees may outlive a caller that passed
readonly DOMAIN=example.com       # the domain the scenarios call and register in (and the digest realm)

here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -P "$here/.." && pwd)
scenario_dir=$here/proxy
out=$root/target/sipp-proxy
only=''
server_cmd=''

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
        --server-cmd)
            [ $# -ge 2 ] || { usage >&2; exit 2; }
            server_cmd=$2
            shift 2
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            printf 'run-proxy: unknown argument %s\n' "$1" >&2
            usage >&2
            exit 2
            ;;
    esac
done

suite=run-proxy
# shellcheck source=sipp/lib.sh
. "$here/lib.sh"
require_sipp

mkdir -p "$out"
out=$(cd -P "$out" && pwd)

# --- scenarios -----------------------------------------------------------------------------------
# Every sipp/proxy/*.xml is a caller scenario, except callee.xml and the callee-*.xml it runs.
scenarios=()
for file in "$scenario_dir"/*.xml; do
    name=$(basename "$file" .xml)
    case $name in callee | callee-* | gateway-*) continue ;; esac
    scenarios+=("$name")
done

# The server a scenario runs against: digest or open.
server_of() {
    case $1 in
        digest-*) echo digest ;;
        *) echo open ;;
    esac
}

# The gateway scenario a caller scenario needs (its header comment's `gateway:`), or nothing.
gateway_of() {
    sed -n 's/^[[:space:]]*gateway:[[:space:]]*\(gateway-[a-z0-9-]*\).*/\1/p' "$scenario_dir/$1.xml" | head -n 1
}

# The callee scenarios a caller scenario needs (its header comment's `callees:`), one per line.
callees_of() {
    sed -n 's/^[[:space:]]*callees:\(.*\)/\1/p' "$scenario_dir/$1.xml" | head -n 1 |
        grep -o 'callee-[a-z0-9-]*' || true
}

select_runs

# --- cleanup -------------------------------------------------------------------------------------
digest_pid=''
open_pid=''
callee_pids=()

cleanup() {
    local pid
    for pid in ${callee_pids[@]+"${callee_pids[@]}"}; do
        stop_pid "$pid"
    done
    stop_pid "$digest_pid"
    stop_pid "$open_pid"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- configs, users ------------------------------------------------------------------------------
for run in "${runs[@]}"; do
    rm -rf "${out:?}/$run"
done
rm -rf "$out/data" "$out/users.log"
mkdir -p "$out/data/digest" "$out/data/open"

fail_all() {
    printf 'run-proxy: %s\n' "$1"
    if [ $# -ge 2 ]; then
        printf '  last lines of %s:\n' "$2"
        tail -n 20 "$2" | sed 's/^/  /'
    fi
    printf 'sipp proxy suite: 0 passed, %d failed\n' "${#runs[@]}"
    exit 1
}

take_port
digest_port=$port
take_port
open_port=$port
take_port
gateway_port=$port  # the standby gateway of each run's route: that run's gateway SIPp listens here
take_port
dead_port=$port     # the first destination of each run's route: nothing ever listens here

# Writes the config of server $1 (digest or open) on port $2 with auth $3 (digest or none).
write_config() {
    cat >"$out/parley-proxy-$1.properties" <<EOF
# Generated by sipp/run-proxy.sh for one suite run: the proxy, registrar and proxy auth $3.
parley.sip.mode=proxy
parley.sip.udp.address=127.0.0.1,::1
parley.sip.tcp.address=127.0.0.1,::1
parley.sip.udp.port=$2
parley.sip.tcp.port=$2
parley.registrar.domains=$DOMAIN
parley.registrar.auth=$3
parley.proxy.auth=$3
# SIPp 3.6 computes MD5 digests only and answers the first challenge: offer MD5 first.
parley.auth.algorithms=MD5,SHA-256
# A route's destination that does not answer is given up after 1 s; no probes, so the dead gateway is
# always tried first and the failover is what each failover run exercises.
parley.proxy.failover.timeout=1s
parley.proxy.probe.interval=0s
parley.registrar.aors.max=256
parley.registrar.bindings.max=1024
parley.location.durability=memory
parley.data.dir=$out/data/$1
parley.http.enabled=false
EOF
}
write_config digest "$digest_port" digest
write_config open "$open_port" none

# The open server's routes (read from its data directory at start): one per run of a scenario with a
# gateway, matching the run's callee user name, the dead port first, the gateway SIPp as standby.
for run in "${runs[@]}"; do
    family=${run##*-}
    rest=${run%-*}
    transport=${rest##*-}
    [ -n "$(gateway_of "${rest%-*}")" ] || continue
    gateway_host=127.0.0.1
    [ "$family" = v4 ] || gateway_host='[::1]'
    param=''
    [ "$transport" = udp ] || param=';transport=tcp'
    printf '%s prefix=%s- to=sip:%s:%s%s;weight=1 to=sip:%s:%s%s;weight=0\n' "$run" "$run" \
        "$gateway_host" "$dead_port" "$param" "$gateway_host" "$gateway_port" "$param" >>"$out/data/open/routes.txt"
done
digest_config=$out/parley-proxy-digest.properties

# The users of the digest server: per run of a digest-* scenario, the caller and, with callees, the
# callee. One password for all of them; SIPp gets it with -ap.
password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
: >"$out/users-digest.txt"
: >"$out/users-open.txt"
for run in "${runs[@]}"; do
    name=${run%-*-*}
    [ "$(server_of "$name")" = digest ] || continue
    printf '%s %s\n' "$run-alice" "$password" >>"$out/users-digest.txt"
    if [ -n "$(callees_of "$name")" ]; then
        printf '%s %s\n' "$run-bob" "$password" >>"$out/users-digest.txt"
    fi
done
if [ -z "$server_cmd" ]; then
    while read -r user _; do
        # The first call may build the jar.
        printf '%s\n' "$password" | without_parley_env timeout -k 5 "$BUILD_WAIT_S" \
            "$root/bin/parley" user add "$user@$DOMAIN" --password-stdin --config "$digest_config" \
            >>"$out/users.log" 2>&1 || fail_all "parley user add $user@$DOMAIN failed" "$out/users.log"
    done <"$out/users-digest.txt"
fi

# --- servers -------------------------------------------------------------------------------------
# Starts server $1 (digest or open) on port $2 in the background; sets server_pid.
start_server() {
    if [ -n "$server_cmd" ]; then
        # shellcheck disable=SC2086 # CMD may carry its own arguments
        $server_cmd "$1" "$2" "$out/users-$1.txt" >"$out/server-$1.log" 2>&1 </dev/null &
    else
        without_parley_env "$root/bin/parley" server --config "$out/parley-proxy-$1.properties" \
            >"$out/server-$1.log" 2>&1 </dev/null &
    fi
    server_pid=$!
}
start_server digest "$digest_port"
digest_pid=$server_pid
start_server open "$open_port"
open_pid=$server_pid

# Waits until the server $1 (digest or open) logs "running in".
await_server() {
    local pid=$2 log=$out/server-$1.log started=$SECONDS limit
    while ! grep -q 'running in' "$log" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || fail_all "the $1 server exited before it was running" "$log"
        limit=$START_WAIT_S
        grep -q 'building' "$log" 2>/dev/null && limit=$BUILD_WAIT_S
        [ $((SECONDS - started)) -lt "$limit" ] || fail_all "the $1 server was not running after ${limit} s" "$log"
        sleep 0.1
    done
}
await_server digest "$digest_pid"
await_server open "$open_pid"

# --- verdicts ------------------------------------------------------------------------------------
# Prints "expected <what> received <what>" for a failed SIPp run, from its error file, message file
# and screen output; $1 error file, $2 message file, $3 screen file, $4 scenario file, $5 exit code.
explain() {
    perl "$here/explain-failure.pl" "$@"
}

# Copies SIPp error file $1 to $2 without the events that are no failure: SIPp logs every request
# it hands to the out-of-call scenario, and a failed check in an out-of-call call does not change
# SIPp's exit code, so a callee's failures are read from this copy. True if a failure is left.
callee_failures() {
    perl -0777 -ne '
        my $at = qr/\d{4}-\d\d-\d\d\t[\d:.]+\t[\d.]+: /;
        my @kept = grep { !/^$at(Received out-of-call \S+ message|Failed to delete FD from epoll|Failed to shutdown socket)/ }
            split /(?=$at)/;
        print @kept;
        exit((grep { /^$at/ } @kept) ? 0 : 1);
    ' "$1" >"$2" 2>/dev/null
}

# --- runs ----------------------------------------------------------------------------------------
passed=0
failed=0

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
    caller=$run-alice
    callee=$run-bob
    server=$(server_of "$name")
    if [ "$server" = digest ]; then
        server_pid=$digest_pid
        server_port=$digest_port
        caller_auth=(-au "$caller" -ap "$password" -auth_uri "$callee@$DOMAIN")
        callee_auth=(-au "$callee" -ap "$password" -auth_uri "$DOMAIN")
    else
        server_pid=$open_pid
        server_port=$open_port
        caller_auth=()
        callee_auth=()
    fi
    mapfile -t callees < <(callees_of "$name")
    verdict=''

    kill -0 "$server_pid" 2>/dev/null ||
        verdict="expected a running server received the $server server exited (see server-$server.log)"

    # Callees: start them, then wait until each has registered.
    callee_pids=()
    if [ -z "$verdict" ]; then
        for i in "${!callees[@]}"; do
            n=$((i + 1))
            take_port
            (cd "$dir" && exec timeout -k 5 "$CALLEE_KILL_S" sipp -sf "$scenario_dir/callee.xml" \
                -oocsf "$scenario_dir/${callees[$i]}.xml" \
                -t "$flag" -i "$ip" -p "$port" -m 1 -key user "$callee" ${callee_auth[@]+"${callee_auth[@]}"} \
                -nostdin -timeout "$CALLEE_TIMEOUT" -timeout_error -recv_timeout "$RECV_TIMEOUT" \
                -trace_msg -message_file "$dir/callee-$n-messages.log" \
                -trace_err -error_file "$dir/callee-$n-errors.log" \
                -trace_logs -log_file "$dir/callee-$n-log.log" \
                "$host:$server_port") \
                >"$dir/callee-$n-screen.log" 2>&1 </dev/null &
            callee_pids+=($!)
        done
        started=$SECONDS
        for i in "${!callees[@]}"; do
            n=$((i + 1))
            while ! grep -q '^registered' "$dir/callee-$n-log.log" 2>/dev/null; do
                if ! kill -0 "${callee_pids[$i]}" 2>/dev/null ||
                    [ $((SECONDS - started)) -ge "$REGISTER_WAIT_S" ]; then
                    rc=0
                    if kill -0 "${callee_pids[$i]}" 2>/dev/null; then
                        stop_pid "${callee_pids[$i]}"
                        rc=124
                    else
                        wait "${callee_pids[$i]}" || rc=$?
                    fi
                    callee_failures "$dir/callee-$n-errors.log" "$dir/callee-$n-failures.log" || true
                    verdict="(callee-$n ${callees[$i]}, registering) $(explain "$dir/callee-$n-failures.log" \
                        "$dir/callee-$n-messages.log" "$dir/callee-$n-screen.log" "$scenario_dir/callee.xml" "$rc")"
                    break 2
                fi
                sleep 0.1
            done
        done
    fi

    # The gateway, if the scenario has one: a plain UAS scenario on the route's standby port.
    gateway=$(gateway_of "$name")
    gateway_pid=''
    if [ -z "$verdict" ] && [ -n "$gateway" ]; then
        (cd "$dir" && exec timeout -k 5 "$CALLEE_KILL_S" sipp -sf "$scenario_dir/$gateway.xml" \
            -t "$flag" -i "$ip" -p "$gateway_port" -m 1 -key user gateway \
            -nostdin -timeout "$CALLEE_TIMEOUT" -timeout_error -recv_timeout "$CALLEE_TIMEOUT" \
            -trace_msg -message_file "$dir/gateway-messages.log" \
            -trace_err -error_file "$dir/gateway-errors.log" \
            "$host:$server_port") \
            >"$dir/gateway-screen.log" 2>&1 </dev/null &
        gateway_pid=$!
        callee_pids+=("$gateway_pid")
    fi

    # The caller, in the foreground.
    if [ -z "$verdict" ]; then
        take_port
        rc=0
        (cd "$dir" && exec timeout -k 5 "$RUN_KILL_S" sipp -sf "$scenario_dir/$name.xml" \
            -t "$flag" -i "$ip" -p "$port" -m 1 -key user "$caller" -key callee "$callee" \
            ${caller_auth[@]+"${caller_auth[@]}"} \
            -nostdin -timeout "$RUN_TIMEOUT" -timeout_error -recv_timeout "$RECV_TIMEOUT" \
            -trace_msg -message_file "$dir/messages.log" \
            -trace_err -error_file "$dir/errors.log" \
            "$host:$server_port") \
            >"$dir/screen.log" 2>&1 </dev/null || rc=$?
        if [ "$rc" -ne 0 ]; then
            verdict=$(explain "$dir/errors.log" "$dir/messages.log" "$dir/screen.log" \
                "$scenario_dir/$name.xml" "$rc")
        fi
    fi

    # The callees' verdicts: each must have finished its out-of-call scenario without a failed check.
    limit=$((SECONDS + CALLEE_WAIT_S))
    [ -z "$verdict" ] || limit=$SECONDS
    if [ -n "$gateway_pid" ]; then
        unset 'callee_pids[-1]'
        while kill -0 "$gateway_pid" 2>/dev/null && [ "$SECONDS" -lt "$limit" ]; do
            sleep 0.1
        done
        rc=0
        if kill -0 "$gateway_pid" 2>/dev/null; then
            stop_pid "$gateway_pid"
            rc=124
        else
            wait "$gateway_pid" || rc=$?
        fi
        if [ -z "$verdict" ] && [ "$rc" -ne 0 ]; then
            verdict="($gateway) $(explain "$dir/gateway-errors.log" "$dir/gateway-messages.log" \
                "$dir/gateway-screen.log" "$scenario_dir/$gateway.xml" "$rc")"
        fi
    fi
    for i in "${!callee_pids[@]}"; do
        n=$((i + 1))
        pid=${callee_pids[$i]}
        while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$limit" ]; do
            sleep 0.1
        done
        rc=0
        if kill -0 "$pid" 2>/dev/null; then
            stop_pid "$pid"
            rc=124
        else
            wait "$pid" || rc=$?
        fi
        if [ -z "$verdict" ]; then
            if ! grep -q 'Received out-of-call' "$dir/callee-$n-errors.log" 2>/dev/null; then
                verdict="(callee-$n ${callees[$i]}) expected a request of the call received nothing (it registered)"
            elif callee_failures "$dir/callee-$n-errors.log" "$dir/callee-$n-failures.log" || [ "$rc" -ne 0 ]; then
                [ "$rc" -ne 0 ] || rc=1
                verdict="(callee-$n ${callees[$i]}) $(explain "$dir/callee-$n-failures.log" \
                    "$dir/callee-$n-messages.log" "$dir/callee-$n-screen.log" \
                    "$scenario_dir/${callees[$i]}.xml" "$rc")"
            fi
        fi
    done
    callee_pids=()

    if [ -z "$verdict" ]; then
        printf 'sipp-proxy %s %s %s PASS\n' "$name" "$transport" "$family"
        passed=$((passed + 1))
    else
        printf 'sipp-proxy %s %s %s FAIL %s\n' "$name" "$transport" "$family" "$verdict"
        failed=$((failed + 1))
    fi
done

printf 'sipp proxy suite: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
