# sipp/lib.sh - what the SIPp suite runners (run-suite.sh, run-registrar.sh, run-proxy.sh) share. Sourced after
# the runner has set `suite` (its name in messages), FIRST_PORT, and, for select_runs, `scenarios` and `only`.

# Exit 77 (skipped) when SIPp is not installed.
require_sipp() {
    if ! command -v sipp >/dev/null 2>&1; then
        echo "sipp not installed: apt-get install sip-tester"
        exit 77
    fi
}

# Fills `runs` with <scenario>-<udp|tcp>-<v4|v6> for every scenario, keeping those --only matches; exit 2 when
# none does.
select_runs() {
    local name transport family run
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
        printf '%s: no run matches --only %s\n' "$suite" "$only" >&2
        exit 2
    fi
}

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
        [ "$next_port" -lt 65000 ] || { echo "$suite: no free port" >&2; exit 1; }
    done
    port=$next_port
    next_port=$((next_port + 1))
}

# Stops a process this runner started: SIGTERM, up to 10 s, then SIGKILL.
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

# Execs a command with the environment's PARLEY_* variables removed but PARLEY_JVM_OPTS (they would
# override the config file). It replaces the shell it runs in: call it in the background or a pipeline,
# so that $! is the server's own PID.
without_parley_env() {
    while IFS= read -r var; do
        [ "$var" = PARLEY_JVM_OPTS ] || unset "$var"
    done < <(compgen -e | grep '^PARLEY_' || true)
    exec "$@"
}
