#!/bin/sh
# Second capture for the golden tests: persistence templates, IPv6 connections, the
# column variants of ipvsadm -L, and the raw /proc/net/ip_vs_conn they come from. Run as
#   /work/shared/tools/ipvs-vm/ipvs-vm --rw "$PWD" -- sh ./capture2.sh "$PWD/vm-6.1"
OUT=${1:-.}
PY=/root/.pyenv/versions/3.12.1/bin/python3
A=ipvsadm
$A -C
ip -6 addr add 2001:db8::15/64 dev eth0 nodad
ip -6 route add 2001:db8:1::/64 dev eth0
$A -A -t 10.0.3.10:80 -s rr -p 120
$A -a -t 10.0.3.10:80 -r 10.0.4.1:80 -m -w 1 -x 50 -y 10
$A -a -t 10.0.3.10:80 -r 10.0.4.2:80 -m -w 1
$A -A -t 10.0.3.11:0 -s wlc -p 60 -M 255.255.0.0
$A -a -t 10.0.3.11:0 -r 10.0.4.3 -m -w 4000000
$A -A -t [2001:db8:1::1]:80 -s sed
$A -a -t [2001:db8:1::1]:80 -r [2001:db8::100]:8080 -m -w 1
$A -A -u 10.0.3.12:53 -s lc
$A -a -u 10.0.3.12:53 -r 10.0.4.4:53 -m -w 1
$PY - <<'PYEOF' &
import socket, time
socks = []
def tcp(fam, src, vip, port, sport):
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((src, sport))
    s.setblocking(False)
    s.connect_ex((vip, port))
    socks.append(s)
for p in (45000, 45001, 45002):
    tcp(socket.AF_INET, "10.0.2.15", "10.0.3.10", 80, p)
tcp(socket.AF_INET, "10.0.2.15", "10.0.3.11", 8080, 46000)
tcp(socket.AF_INET6, "2001:db8::15", "2001:db8:1::1", 80, 47000)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind(("10.0.2.15", 48000))
u.sendto(b"x" * 20, ("10.0.3.12", 53))
socks.append(u)
time.sleep(1)
open("/tmp/burst-done", "w").close()
time.sleep(30)
PYEOF
while [ ! -f /tmp/burst-done ]; do sleep 0.2; done
cat /proc/net/ip_vs_conn > $OUT/p2-proc-conn.txt
$A -L -n -c > $OUT/p2-conns.txt
$A -L -n -c --persistent-conn > $OUT/p2-conns-pc.txt
cat /proc/net/ip_vs_conn > $OUT/p2-proc-conn-after.txt
$A -L -n > $OUT/p2-list.txt
$A -L -n --persistent-conn > $OUT/p2-list-pc.txt
$A -L -n --thresholds > $OUT/p2-list-thresholds.txt
$A -L -n --stats --exact > $OUT/p2-stats-exact.txt
$A -S -n > $OUT/p2-save.txt
$A -L --timeout > $OUT/p2-timeout.txt
$A --set 3600 60 600
$A -L --timeout >> $OUT/p2-timeout.txt
kill %1 2>/dev/null
echo done
