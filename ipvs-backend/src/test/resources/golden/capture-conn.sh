#!/bin/sh
# Captures the kernel's /proc/net/ip_vs_conn together with ipvsadm -L -n -c over the same
# moment, for ProcConnParserTest. Run under a kernel with IPVS:
#   /work/shared/tools/ipvs-vm/ipvs-vm --rw "$PWD" -- sh ./capture-conn.sh "$PWD/vm-6.1"
# Connections come from this machine itself (IPVS schedules them at LOCAL_OUT) to a Python
# HTTP server on 10.0.2.15 / fd00::15: held open (ESTABLISHED), closed ones (TIME_WAIT),
# a persistence template (client port 0), IPv4 and IPv6, and UDP. The outputs are
# kept only from a round where /proc read the same before and after ipvsadm, so every
# expiry second agrees (each NAME.txt comes with the NAME-proc.txt it was printed from).
OUT=${1:-.}
PY=/usr/bin/python3
A=ipvsadm
$A -C
ip addr add 10.0.2.100/32 dev lo
ip addr add fd00::100/128 dev lo
ip -6 addr add fd00::15/64 dev eth0 nodad
$A -A -t 10.0.2.100:8080 -s rr
$A -a -t 10.0.2.100:8080 -r 10.0.2.15:8080 -m
$A -A -t 10.0.2.100:8081 -s rr -p 120
$A -a -t 10.0.2.100:8081 -r 10.0.2.15:8080 -m
$A -A -u 10.0.2.100:5353 -s rr
$A -a -u 10.0.2.100:5353 -r 10.0.2.15:5353 -m
$A -A -t [fd00::100]:8080 -s rr
$A -a -t [fd00::100]:8080 -r [fd00::15]:8080 -m
$PY -m http.server --bind :: 8080 >/dev/null 2>&1 &
sleep 2
$PY - <<'PYEOF' &
import socket, time

def connect(host, port):
    for _ in range(300):
        try:
            return socket.create_connection((host, port), timeout=5)
        except ConnectionRefusedError:
            time.sleep(0.1)
    raise SystemExit("the HTTP server never listened")

def get(host, port):
    with connect(host, port) as s:
        s.sendall(b"GET / HTTP/1.0\r\n\r\n")
        while s.recv(65536):
            pass

get("10.0.2.100", 8080)
get("10.0.2.100", 8081)
get("fd00::100", 8080)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.sendto(b"x", ("10.0.2.100", 5353))
held = connect("10.0.2.100", 8080)
held6 = connect("fd00::100", 8080)
open("/tmp/conns-ready", "w").close()
time.sleep(60)
PYEOF
for _ in $(seq 1 300); do [ -f /tmp/conns-ready ] && break; sleep 0.2; done
[ -f /tmp/conns-ready ] || { echo "the client never got its connections up" >&2; exit 1; }
sleep 1
# capture NAME ARGS...: ipvsadm ARGS into NAME, bracketed by two identical reads of /proc.
capture() {
    name=$1
    shift
    for round in $(seq 1 50); do
        cat /proc/net/ip_vs_conn > /tmp/before.txt
        $A "$@" > /tmp/out.txt
        cat /proc/net/ip_vs_conn > /tmp/after.txt
        if cmp -s /tmp/before.txt /tmp/after.txt; then
            cp /tmp/before.txt "$OUT/$name-proc.txt"
            cp /tmp/out.txt "$OUT/$name.txt"
            echo "$name captured in round $round"
            return 0
        fi
    done
    echo "$name: /proc kept changing" >&2
}
capture conn-Lnc -L -n -c
kill %1 %2 2>/dev/null
echo done
