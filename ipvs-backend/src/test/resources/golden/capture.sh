#!/bin/sh
# Captures real ipvsadm 1.31 output and real kernel scheduling decisions for the golden
# tests. Run under a kernel with IPVS, e.g.
#   /work/shared/tools/ipvs-vm/ipvs-vm --rw "$PWD" -- sh ./capture.sh "$PWD"
# Locally originated connections are scheduled by IPVS (LOCAL_OUT hook), so the script
# opens TCP connections from chosen source ports and reads back which real server the
# kernel picked for each (ipvsadm -L -n -c).
OUT=${1:-.}
PY=/root/.pyenv/versions/3.12.1/bin/python3
A=ipvsadm
$A -C
# --- listing table -------------------------------------------------------------
$A -A -t 10.0.0.100:80 -s wlc
$A -a -t 10.0.0.100:80 -r 192.168.1.10:80 -g -w 0
$A -a -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 1
$A -a -t 10.0.0.100:80 -r 192.168.1.9:80 -g -w 3 -x 100 -y 50
$A -A -t 10.0.0.100:443 -s sh -b sh-fallback,sh-port -p 300 -M 255.255.255.0
$A -a -t 10.0.0.100:443 -r 192.168.1.10:8443 -m -w 100
$A -A -u 10.0.0.100:53 -s rr -o
$A -a -u 10.0.0.100:53 -r 192.168.1.12:53 -i -w 1
$A -A -f 5 -s wrr -p
$A -a -f 5 -r 192.168.1.20:0 -g -w 2
$A -A -t [2001:db8::1]:80 -s mh -b mh-fallback,mh-port -p 60 -M 64
$A -a -t [2001:db8::1]:80 -r [2001:db8::10]:80 -m -w 5
$A -a -t [2001:db8::1]:80 -r [2001:db8:0:0:1::a]:8080 -m -w 65535
$A -A -f 7 -6 -s lc
$A -A -t 192.168.0.1:80 -s rr
$A -A -t 100.0.0.1:80 -s nq
$A -A --sctp-service 10.0.0.100:3868 -s fo
$A -A -t 10.0.0.101:0 -s lblcr -p 1800
$A -a -t 10.0.0.101:0 -r 192.168.1.30 -g -w 1
$A -a -t 10.0.0.101:0 -r 192.168.1.31 -m -w 2
$A -A -u 10.0.0.102:5060 -s ovf
$A -a -u 10.0.0.102:5060 -r 200.1.1.1:5060 -m -w 7
$A -a -u 10.0.0.102:5060 -r 10.1.1.1:5060 -m -w 8
$A -a -u 10.0.0.102:5060 -r 100.1.1.1:5060 -m -w 9
$A -L -n > $OUT/list.txt
$A -L -n --stats > $OUT/list-stats-empty.txt
$A -L -n --rate > $OUT/list-rate-empty.txt
$A -S -n > $OUT/save.txt
$A -L -n -c > $OUT/conns-empty.txt
# --- scheduling decisions from the real kernel -----------------------------------
$A -C
$A -A -t 10.0.3.1:80 -s mh -b mh-port
$A -A -t 10.0.3.2:80 -s sh -b sh-port
$A -A -t 10.0.3.3:80 -s wrr
$A -A -t 10.0.3.4:80 -s wlc
$A -A -t 10.0.3.5:80 -s mh
for v in 1 2; do
  for d in "1 1" "2 2" "3 3" "4 1" "5 5"; do
    set -- $d
    $A -a -t 10.0.3.$v:80 -r 10.0.4.$1:80 -m -w $2
  done
done
$A -a -t 10.0.3.5:80 -r 10.0.4.1:80 -m -w 1
$A -a -t 10.0.3.5:80 -r 10.0.4.2:80 -m -w 1
# wrr list order A,B,C = .1,.2,.3 needs insertion C,B,A (new dests go to the list head)
$A -a -t 10.0.3.3:80 -r 10.0.4.3:80 -m -w 2
$A -a -t 10.0.3.3:80 -r 10.0.4.2:80 -m -w 3
$A -a -t 10.0.3.3:80 -r 10.0.4.1:80 -m -w 4
$A -a -t 10.0.3.4:80 -r 10.0.4.3:80 -m -w 3
$A -a -t 10.0.3.4:80 -r 10.0.4.2:80 -m -w 2
$A -a -t 10.0.3.4:80 -r 10.0.4.1:80 -m -w 1
$A -L -n > $OUT/sched-table.txt
$PY - <<'PYEOF' &
import socket
socks = []
def burst(vip, ports):
    for p in ports:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("10.0.2.15", p))
        s.setblocking(False)
        s.connect_ex((vip, 80))
        socks.append(s)
burst("10.0.3.1", range(40000, 40064))
burst("10.0.3.2", range(41000, 41064))
burst("10.0.3.3", range(42000, 42018))
burst("10.0.3.4", range(43000, 43012))
burst("10.0.3.5", range(44000, 44001))
import time; time.sleep(1)
open("/tmp/burst-done", "w").close()
time.sleep(30)
PYEOF
while [ ! -f /tmp/burst-done ]; do sleep 0.2; done
cat /proc/net/ip_vs_conn > $OUT/proc-conn-1.txt
$A -L -n -c > $OUT/conns.txt
cat /proc/net/ip_vs_conn > $OUT/proc-conn-2.txt
$A -L -n --stats > $OUT/sched-stats.txt
$A -L -n --rate > $OUT/sched-rate.txt
$A -L -n > $OUT/sched-list-after.txt
uname -r > $OUT/kernel.txt
kill %1 2>/dev/null
echo done
