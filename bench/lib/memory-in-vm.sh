#!/usr/bin/env bash
# Runs inside the IPVS VM (shared/tools/ipvs-vm), started by bench/run-all:
#
#   memory-in-vm.sh ROOT RESULTS        (env: STEADY, KEEPALIVED, PY, READY_LIMIT)
#
# The director config (RESULTS/raw/director-vm.conf: one VRRP instance on eth0 and a
# virtual server with an HTTP_GET and a TCP_CHECK real server) runs under keepalived and
# then under Vigil with the kernel's IPVS, one after the other; each is sampled once a
# second for STEADY seconds once ready (rows "vm,director,IMPL,..." appended to
# RESULTS/memory.csv). (The small-heap Vigil row runs on the host only: each JVM start
# costs minutes under emulation on a busy host.)
# Real servers: a small HTTP server on 10.0.2.11:8080 and 10.0.2.12:8080 (eth0 aliases).
set -euo pipefail
ROOT=$1 RESULTS=$2
STEADY=${STEADY:-20} KEEPALIVED=${KEEPALIVED:-/usr/sbin/keepalived} PY=${PY:-python3}
# Under software emulation a JVM starts in seconds on a quiet host but in minutes on a
# loaded one.
READY_LIMIT=${READY_LIMIT:-600}
CONF=$RESULTS/raw/director-vm.conf
WORK=$(mktemp -d)
PIDS=()
stop_all() { local p; for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap stop_all EXIT

echo "guest: kernel $(uname -r), $(nproc) cpus, MemTotal $(awk '/MemTotal/ {print $2}' /proc/meminfo) kB, ip_vs $(test -e /proc/net/ip_vs && echo present || echo ABSENT)"
ip addr add 10.0.2.11/32 dev eth0
ip addr add 10.0.2.12/32 dev eth0
"$PY" - <<'PY' &
import http.server, threading
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "3")
        self.end_headers()
        self.wfile.write(b"ok\n")
    def log_message(self, *args):
        pass
servers = [http.server.ThreadingHTTPServer((a, 8080), Handler) for a in ("10.0.2.11", "10.0.2.12")]
threading.Thread(target=servers[1].serve_forever, daemon=True).start()
servers[0].serve_forever()
PY
PIDS+=($!)

# The steady state starts when the director is master with both real servers in the
# kernel's table (the JVM starts slowly under emulation).
ready() { ip -o -4 addr show dev eth0 | grep -q ' 10.0.2.100/' && [ "$(ipvsadm -L -n | grep -c ' Masq ')" -eq 2 ]; }
run() { # impl, command...
    local impl=$1 pid t line
    shift
    TMPDIR=$WORK "$@" >"$RESULTS/raw/memory-vm-$impl.log" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    local start=$SECONDS
    until ready; do
        kill -0 "$pid" 2>/dev/null || { echo "$impl exited before it was ready:"; tail -20 "$RESULTS/raw/memory-vm-$impl.log"; return 1; }
        if [ $((SECONDS - start)) -ge "$READY_LIMIT" ]; then
            echo "--- $impl was not ready (VIP and both real servers) within $READY_LIMIT s; not measured"
            kill "$pid"; wait "$pid" || true
            return 1
        fi
        sleep 0.5
    done
    echo "--- $impl ready after $((SECONDS - start)) s"
    for t in $(seq 1 "$STEADY"); do
        sleep 1
        line=$("$PY" "$ROOT/bench/lib/procmem.py" "$pid") || { echo "$impl exited early:"; tail -20 "$RESULTS/raw/memory-vm-$impl.log"; return 1; }
        echo "vm,director,$impl,$t,${line// /,}" >>"$RESULTS/memory.csv"
    done
    echo "--- $impl after ${STEADY} s: processes, RSS kB, PSS kB: $line"
    echo "--- the kernel's IPVS table (ipvsadm -L -n):"
    ipvsadm -L -n || true
    kill "$pid"
    wait "$pid" || true
}

run keepalived "$KEEPALIVED" -n -l -D -f "$CONF" -p "$WORK/k.pid" -r "$WORK/v.pid" -c "$WORK/c.pid" || true
release() { ip addr del 10.0.2.100/24 dev eth0 2>/dev/null || true; ipvsadm -C || true; sleep 1; }
vigil=("$ROOT/vigil" -n -l -D -f "$CONF" -p "$WORK/vigil.pid" --control-socket "$WORK/vigil.sock" --metrics off --backend kernel)
# vigil-first: the launcher's first start, without its class data sharing archive, which the
# JVM writes at this run's exit; vigil: the next start, which maps it (as an installed
# daemon's every later start does).
export VIGIL_CACHE_DIR=$WORK/cds
mkdir -p "$VIGIL_CACHE_DIR"
release
VIGIL_JAVA_OPTS="" run vigil-first "${vigil[@]}" || true
echo "--- archive after the first run: $(ls -l "$VIGIL_CACHE_DIR")"
release
VIGIL_JAVA_OPTS="" run vigil "${vigil[@]}" || true
