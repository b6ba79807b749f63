#!/usr/bin/env bash
#
# perf/scripts/proxy-vs-kamailio.sh - calls/s and call-setup time of parley's record-routing proxy against
# Kamailio 5.6 (kamailio-proxy.cfg of the shared bench kit, children=1), one server at a time on the same UDP
# port, with the same SIPp UAC (uac-call.xml, INVITE..BYE, record-routed) and SIPp UAS (uas-call.xml on 5090).
#
#   perf/scripts/proxy-vs-kamailio.sh PHASE SERVER [SERVER ...]
#
# PHASE:
#   max      find-max.sh uac-call: the highest clean calls/s
#   cpu      measure.sh uac-call at RATES (default "1000 1000 1000"): server CPU per call
#   latency  measure.sh uac-call at LAT_RATE (required, e.g. half the max) with PCAP=1: INVITE->200 and BYE->200
#            percentiles from a loopback capture, in microseconds
# SERVER: kamailio | parley
#
# env: KIT (default <repo>/../shared/bench/sip), PORT=5070 (the server's UDP port; kamailio-proxy.cfg relays to
# sip:127.0.0.1:5090, where the kit's sipp-uas.sh listens), DURATION=10, START=2400, COOLDOWN=35 (find-max),
# SERVER_XMX=3g, TX_MAX=524288 (parley.sip.transactions.max: an answered INVITE keeps its server and client
# transactions 64*T1 = 32 s, RFC 6026, so 5,000 calls/s hold about 320,000), KEEP=1 keeps the work directory.
# parley runs as `parley.sip.mode=proxy` with parley.proxy.route.default=sip:127.0.0.1:5090, the registrar and
# proxy without auth (as Kamailio's bench config), registrations in memory, default timers.

set -euo pipefail

here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -P "$here/../.." && pwd)
KIT=${KIT:-$root/../shared/bench/sip}
PORT=${PORT:-5070}
export DURATION=${DURATION:-10}
SERVER_XMX=${SERVER_XMX:-3g}
TX_MAX=${TX_MAX:-524288}
work=$(mktemp -d)
export SIP_BENCH_OUT=$work/sip-bench
srv_pid=''
kam=0
uas=0

cleanup() {
    if [ -n "$srv_pid" ]; then kill "$srv_pid" 2>/dev/null || true; wait "$srv_pid" 2>/dev/null || true; fi
    if [ "$kam" = 1 ]; then KAM_MODE=proxy SIP_PORT=$PORT OUT_DIR=$work/kam "$KIT/kamailio-run.sh" stop >/dev/null || true; fi
    if [ "$uas" = 1 ]; then "$KIT/sipp-uas.sh" stop >/dev/null 2>&1 || true; fi
    if [ -n "${KEEP:-}" ]; then echo "# kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

[ $# -ge 2 ] || { sed -n '3,22p' "$0"; exit 2; }
phase=$1
shift

start_server() {
    if [ "$1" = kamailio ]; then
        KAM_MODE=proxy SIP_PORT=$PORT OUT_DIR=$work/kam "$KIT/kamailio-run.sh" start >&2
        kam=1
        SERVER_PID=$(cat "$work/kam/kamailio.pid")
        return
    fi
    rm -rf "$work/data"; mkdir -p "$work/data"
    cat > "$work/parley.properties" <<PROPS
parley.sip.mode=proxy
parley.sip.udp.address=127.0.0.1
parley.sip.udp.port=$PORT
parley.sip.tcp.enabled=false
parley.http.enabled=false
parley.data.dir=$work/data
parley.threads=shared
parley.registrar.auth=none
parley.proxy.auth=none
parley.proxy.route.default=sip:127.0.0.1:5090
parley.location.durability=memory
parley.sip.transactions.max=$TX_MAX
parley.sip.transaction.buffer=2k
PROPS
    if [ "$phase" = latency ]; then
        # A capture on loopback sees a segmented send (UDP GSO) as one packet holding several messages, which the
        # kit's pcap-latency.py reads as one; the latency phase sends each datagram alone.
        echo "parley.io.udp.gso=false" >> "$work/parley.properties"
    fi
    PARLEY_JVM_OPTS="-Xmx$SERVER_XMX ${SERVER_JVM_OPTS:-}" "$root/bin/parley" server --config "$work/parley.properties" \
        > "$work/server.log" 2>&1 &
    srv_pid=$!
    for _ in $(seq 1 600); do
        grep -q 'running in' "$work/server.log" && break
        kill -0 "$srv_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
        sleep 0.1
    done
    grep -q 'running in' "$work/server.log" || { echo "parley did not start" >&2; exit 1; }
    SERVER_PID=$srv_pid
}

stop_server() {
    if [ "$kam" = 1 ]; then KAM_MODE=proxy SIP_PORT=$PORT OUT_DIR=$work/kam "$KIT/kamailio-run.sh" stop >&2; kam=0; fi
    if [ -n "$srv_pid" ]; then kill "$srv_pid"; wait "$srv_pid" 2>/dev/null || true; srv_pid=''; fi
}

"$KIT/sipp-uas.sh" start >&2
uas=1
UAS_PID=$(cat "$SIP_BENCH_OUT/sipp-uas.pid")
export UAS_PID

for server in "$@"; do
    start_server "$server"
    export SERVER_PID
    echo "### $phase $server" >&2
    case $phase in
        max)
            # parley's JIT warms up in find-max's unreported warm-up before each batch.
            warm=()
            [ "$server" = parley ] && warm=(WARMUP_CALLS=30000 WARMUP_RATE=3000)
            env "${warm[@]}" START=${START:-2400} COOLDOWN=${COOLDOWN:-35} "$KIT/find-max.sh" "127.0.0.1:$PORT" uac-call |
                sed "s/^/$server /"
            ;;
        cpu)
            warm=()
            [ "$server" = parley ] && warm=(WARMUP_CALLS=30000 WARMUP_RATE=3000)
            env "${warm[@]}" "$KIT/measure.sh" "127.0.0.1:$PORT" uac-call "${RATES:-1000 1000 1000}" | sed "s/^/$server /"
            ;;
        latency)
            warm=()
            [ "$server" = parley ] && warm=(WARMUP_CALLS=30000 WARMUP_RATE=3000)
            env "${warm[@]}" PCAP=1 "$KIT/measure.sh" "127.0.0.1:$PORT" uac-call "${LAT_RATE:?LAT_RATE}" |
                sed "s/^/$server /"
            ;;
        *)
            echo "unknown phase $phase" >&2
            exit 2
            ;;
    esac
    stop_server
done
