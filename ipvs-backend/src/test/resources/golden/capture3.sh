#!/bin/sh
# Third capture: scheduling decisions of the load-based schedulers. Real servers sit on
# the guest's own subnet at addresses nobody answers ARP for, so every connection stays
# in SYN_RECV (counted active) and the kernel's choices depend only on the counts.
#   /work/shared/tools/ipvs-vm/ipvs-vm --rw "$PWD" -- sh ./capture3.sh "$PWD/vm-6.1"
OUT=${1:-.}
PY=/root/.pyenv/versions/3.12.1/bin/python3
A=ipvsadm
$A -C
svc() { # vip-suffix scheduler flags weights... (servers 10.0.2.101.. added in order)
  v=$1; s=$2; b=$3; shift 3
  if [ "$b" = "-" ]; then $A -A -t 10.0.3.$v:80 -s $s; else $A -A -t 10.0.3.$v:80 -s $s -b $b; fi
  i=1
  for w in "$@"; do $A -a -t 10.0.3.$v:80 -r 10.0.2.$((100 + i)):80 -m -w $w; i=$((i + 1)); done
}
svc 20 wlc - 1 2 3
svc 21 lc - 1 2 3
svc 22 sed - 1 2 3
svc 23 nq - 1 2 3
svc 24 rr - 1 0 2
svc 25 ovf - 1 2 3
svc 26 fo - 2 5 5
svc 27 wrr - 4 3 2
svc 28 mh mh-port,mh-fallback 1 1 1
$A -e -t 10.0.3.28:80 -r 10.0.2.102:80 -m -w 0
$A -L -n > $OUT/p3-table.txt
$PY - <<'PYEOF' &
import socket, time, subprocess
socks = []
def burst(vip, first, count):
    for p in range(first, first + count):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("10.0.2.15", p))
        s.setblocking(False)
        s.connect_ex((vip, 80))
        socks.append(s)
for i, v in enumerate(range(20, 28)):
    burst("10.0.3.%d" % v, 50000 + 100 * i, 12)
# wrr: 5 more after raising 10.0.2.103 from 2 to 4
subprocess.run(["ipvsadm", "-e", "-t", "10.0.3.27:80", "-r", "10.0.2.103:80", "-m", "-w", "4"])
burst("10.0.3.27", 50712, 5)
burst("10.0.3.28", 51000, 40)
time.sleep(1)
open("/tmp/burst-done", "w").close()
time.sleep(30)
PYEOF
while [ ! -f /tmp/burst-done ]; do sleep 0.2; done
$A -L -n -c > $OUT/p3-conns.txt
$A -L -n > $OUT/p3-list-after.txt
kill %1 2>/dev/null
echo done
