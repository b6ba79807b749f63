#!/usr/bin/env bash
#
# sipp/run-registrar.sh - the SIPp registrar suite: every scenario in sipp/registrar/*.xml against
# `parley server` in registrar mode, over UDP and TCP, on IPv4 (127.0.0.1) and IPv6 (::1).
#
#   sipp/run-registrar.sh [--out DIR] [--only REGEX]
#
#   --out DIR     where the logs go (default: target/sipp-registrar under the repo root): the two
#                 server logs and configs, the data dirs (data/digest holds users.txt), users.log, and
#                 per run <scenario>-<udp|tcp>-<v4|v6>/ with SIPp's messages.log, errors.log and
#                 screen.log.
#   --only REGEX  run only the runs whose name <scenario>-<transport>-<family> matches (bash =~),
#                 e.g. --only 'wildcard|refresh' or --only '-tcp-v6$'.
#
# Prints one line per run, `sipp-registrar <scenario> <udp|tcp> <v4|v6> PASS` or
# `... FAIL expected <what the scenario expected> received <what came>`, then
# `sipp registrar suite: N passed, M failed`. Exit 0 when every run passed, 1 when one failed or a
# server did not start, 2 on a usage error, 77 when sipp is not installed.
#
# Two servers run side by side, each on its own free port P from 25160 upward (UDP and TCP share
# the number), both serving the domain example.com that the scenarios name:
#   digest  parley.registrar.auth=digest, expires.min 60 s; runs the scenarios named digest-*.
#           Every run of a scenario that answers a challenge gets its own user, added before the
#           server starts with `bin/parley user add <run>@example.com --password-stdin`, with one
#           random password per suite run.
#   open    parley.registrar.auth=none, expires.min 1 s (so a binding can expire during a run);
#           runs every other scenario.
# Each run registers the AoR sip:<run>@example.com (SIPp -key user <run>), so runs never share
# bindings. bin/parley builds tools/target/parley.jar when it is stale; PARLEY_JVM_OPTS is passed
# through, other PARLEY_* variables are not (they would override the generated configs). The
# servers are stopped with SIGTERM, by PID, on exit. SIPp runs in the foreground, bounded by
# -recv_timeout (each expected message), -timeout (the whole run) and an outer `timeout`. A
# scenario whose header comment says `calls: N` is run with -m N -l 1 (N calls, one after the
# other, each with its own Call-ID); the others with -m 1.

set -euo pipefail

readonly FIRST_PORT=25160
readonly START_WAIT_S=30          # until a server log says "running in"
readonly BUILD_WAIT_S=300         # the same when bin/parley has to build the jar first
readonly RECV_TIMEOUT=4s          # per expected message
readonly RUN_TIMEOUT=20s          # per SIPp run (SIPp's own -timeout)
readonly RUN_KILL_S=40            # outer bound per SIPp process
readonly DOMAIN=example.com       # the domain the scenarios register in (and the digest realm)

here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -P "$here/.." && pwd)
scenario_dir=$here/registrar
out=$root/target/sipp-registrar
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
            printf 'run-registrar: unknown argument %s\n' "$1" >&2
            usage >&2
            exit 2
            ;;
    esac
done

suite=run-registrar
# shellcheck source=sipp/lib.sh
. "$here/lib.sh"
require_sipp

mkdir -p "$out"
out=$(cd -P "$out" && pwd)

# --- scenarios -----------------------------------------------------------------------------------
scenarios=()
for file in "$scenario_dir"/*.xml; do
    scenarios+=("$(basename "$file" .xml)")
done

# The server a scenario runs against: digest or open.
server_of() {
    case $1 in
        digest-*) echo digest ;;
        *) echo open ;;
    esac
}

# The number of calls a scenario makes (its header comment's `calls: N`), 1 by default.
calls_of() {
    local n
    n=$(sed -n 's/^[[:space:]]*calls:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$scenario_dir/$1.xml" | head -n 1)
    echo "${n:-1}"
}

# True if a scenario answers a digest challenge, so its runs need a user.
authenticates() {
    grep -q '\[authentication' "$scenario_dir/$1.xml"
}

select_runs

# --- cleanup -------------------------------------------------------------------------------------
digest_pid=''
open_pid=''

cleanup() {
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
    printf 'run-registrar: %s\n' "$1"
    if [ $# -ge 2 ]; then
        printf '  last lines of %s:\n' "$2"
        tail -n 20 "$2" | sed 's/^/  /'
    fi
    printf 'sipp registrar suite: 0 passed, %d failed\n' "${#runs[@]}"
    exit 1
}

take_port
digest_port=$port
take_port
open_port=$port
# Each server runs its embedded location cluster, which binds two consecutive loopback UDP ports.
take_pair() {
    take_port
    while ! port_free "$((port + 1))"; do
        take_port
    done
    next_port=$((port + 2))
}
take_pair
digest_location_port=$port
take_pair
open_location_port=$port
digest_config=$out/parley-registrar-digest.properties
open_config=$out/parley-registrar-open.properties

cat >"$digest_config" <<EOF
# Generated by sipp/run-registrar.sh for one suite run: the registrar with digest auth.
parley.sip.mode=registrar
parley.sip.udp.address=127.0.0.1,::1
parley.sip.tcp.address=127.0.0.1,::1
parley.sip.udp.port=$digest_port
parley.sip.tcp.port=$digest_port
parley.registrar.domains=$DOMAIN
parley.registrar.auth=digest
# SIPp 3.6 computes MD5 digests only and answers the first challenge: offer MD5 first.
parley.auth.algorithms=MD5,SHA-256
# digest-interval-too-brief expects 423 with Min-Expires: 60.
parley.registrar.expires.min=60s
parley.registrar.aors.max=256
parley.registrar.bindings.max=1024
parley.data.dir=$out/data/digest
parley.location.port.base=$digest_location_port
parley.http.enabled=false
EOF

cat >"$open_config" <<EOF
# Generated by sipp/run-registrar.sh for one suite run: the registrar without auth.
parley.sip.mode=registrar
parley.sip.udp.address=127.0.0.1,::1
parley.sip.tcp.address=127.0.0.1,::1
parley.sip.udp.port=$open_port
parley.sip.tcp.port=$open_port
parley.registrar.domains=$DOMAIN
parley.registrar.auth=none
# expiry registers for 1 s and waits for the binding to go.
parley.registrar.expires.min=1s
parley.registrar.aors.max=256
parley.registrar.bindings.max=1024
parley.data.dir=$out/data/open
parley.location.port.base=$open_location_port
parley.http.enabled=false
EOF

# One password for every user of this suite run; SIPp gets it with -ap.
password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
for run in "${runs[@]}"; do
    name=${run%-*-*}
    if [ "$(server_of "$name")" != digest ] || ! authenticates "$name"; then
        continue
    fi
    # The first call may build the jar.
    printf '%s\n' "$password" | without_parley_env timeout -k 5 "$BUILD_WAIT_S" \
        "$root/bin/parley" user add "$run@$DOMAIN" --password-stdin --config "$digest_config" \
        >>"$out/users.log" 2>&1 || fail_all "parley user add $run@$DOMAIN failed" "$out/users.log"
done

# --- servers -------------------------------------------------------------------------------------
without_parley_env "$root/bin/parley" server --config "$digest_config" >"$out/server-digest.log" 2>&1 </dev/null &
digest_pid=$!
without_parley_env "$root/bin/parley" server --config "$open_config" >"$out/server-open.log" 2>&1 </dev/null &
open_pid=$!

# Waits until the server $1 (digest or open) logs "running in" and its location cache is synchronised.
await_server() {
    local pid=$2 log=$out/server-$1.log started=$SECONDS limit
    while ! grep -q 'running in' "$log" 2>/dev/null || ! grep -q 'location: cache synchronised' "$log" 2>/dev/null; do
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
    server=$(server_of "$name")
    if [ "$server" = digest ]; then
        server_pid=$digest_pid
        server_port=$digest_port
        auth=(-au "$run" -ap "$password" -auth_uri "$DOMAIN")
    else
        server_pid=$open_pid
        server_port=$open_port
        auth=()
    fi
    calls=$(calls_of "$name")
    verdict=''

    kill -0 "$server_pid" 2>/dev/null ||
        verdict="expected a running server received the $server server exited (see server-$server.log)"

    if [ -z "$verdict" ]; then
        take_port
        rc=0
        (cd "$dir" && exec timeout -k 5 "$RUN_KILL_S" sipp -sf "$scenario_dir/$name.xml" \
            -t "$flag" -i "$ip" -p "$port" -m "$calls" -l 1 -key user "$run" "${auth[@]}" \
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

    if [ -z "$verdict" ]; then
        printf 'sipp-registrar %s %s %s PASS\n' "$name" "$transport" "$family"
        passed=$((passed + 1))
    else
        printf 'sipp-registrar %s %s %s FAIL %s\n' "$name" "$transport" "$family" "$verdict"
        failed=$((failed + 1))
    fi
done

printf 'sipp registrar suite: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
