# perf/scripts/bench-users.sh - sourced by the benchmark scripts: a parley users file for digest benchmarks.
#
# users_file FILE N [EXTRA ...]: users u1..uN@127.0.0.1, then each EXTRA user@127.0.0.1, realm 127.0.0.1,
# password "secret", MD5 HA1 (the algorithm Kamailio's and SIPp's digest support).
users_file() {
    python3 - "$@" <<'PY'
import hashlib, sys
path, count, extra = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
with open(path, "w") as f:
    for u in ["u%d" % k for k in range(1, count + 1)] + extra:
        ha1 = hashlib.md5(("%s:127.0.0.1:secret" % u).encode()).hexdigest()
        f.write("%s@127.0.0.1 127.0.0.1 MD5 %s\n" % (u, ha1))
PY
}
