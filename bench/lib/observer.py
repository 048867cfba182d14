#!/usr/bin/env python3
"""Wire observer for the failover and start-up benchmarks (bench/run-all).

Runs in the observer namespace, captures every frame on one interface with an AF_PACKET
socket and writes one line per frame of interest, stamped with the kernel's receive time
(SO_TIMESTAMPNS, CLOCK_REALTIME, nanoseconds since the epoch):

    T_NS VRRP SRC_MAC SRC_IP VRID PRIORITY VERSION ADVERT_CS
    T_NS ARP  SRC_MAC SENDER_IP TARGET_IP OP          (OP 1 request, 2 reply)
    T_NS ICMP SRC_MAC SRC_IP SEQ                      (echo replies to our probes)

With --ping ADDRESS it also sends an ICMP echo request to ADDRESS every --interval
seconds (raw socket) and logs each send as

    T_NS SENT - - SEQ

so that the analysis can tell which node answered (by source MAC) and when.

Usage: observer.py IFACE OUTFILE [--ping ADDRESS] [--interval SECONDS]
Stops on SIGTERM or SIGINT, flushing what it has.
"""

import argparse
import os
import signal
import socket
import struct
import sys
import threading
import time

ETH_P_ALL = 0x0003
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)
IPPROTO_VRRP = 112


def mac(raw):
    return ":".join("%02x" % b for b in raw)


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


def describe(frame, ident):
    """One log line (without the time) for a frame worth logging, else None."""
    if len(frame) < 14:
        return None
    src = mac(frame[6:12])
    ethertype = struct.unpack("!H", frame[12:14])[0]
    body = frame[14:]
    if ethertype == 0x0806 and len(body) >= 28:
        op = struct.unpack("!H", body[6:8])[0]
        sender_ip = socket.inet_ntoa(body[14:18])
        target_ip = socket.inet_ntoa(body[24:28])
        return "ARP %s %s %s %d" % (src, sender_ip, target_ip, op)
    if ethertype != 0x0800 or len(body) < 20:
        return None
    ihl = (body[0] & 0x0F) * 4
    proto = body[9]
    src_ip = socket.inet_ntoa(body[12:16])
    payload = body[ihl:]
    if proto == IPPROTO_VRRP and len(payload) >= 8:
        version = payload[0] >> 4
        vrid, priority = payload[1], payload[2]
        if version == 3:
            interval_cs = struct.unpack("!H", payload[4:6])[0] & 0x0FFF
        else:
            interval_cs = payload[5] * 100
        return "VRRP %s %s %d %d %d %d" % (src, src_ip, vrid, priority, version, interval_cs)
    if proto == 1 and len(payload) >= 8 and payload[0] == 0:
        pid, seq = struct.unpack("!HH", payload[4:8])
        if pid == ident:
            return "ICMP %s %s %d" % (src, src_ip, seq)
    return None


def pinger(address, interval, ident, out, lock, stop):
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    seq = 0
    next_send = time.monotonic()
    while not stop.is_set():
        seq = (seq + 1) & 0xFFFF
        header = struct.pack("!BBHHH", 8, 0, 0, ident, seq)
        payload = b"vigil-bench"
        packet = struct.pack("!BBHHH", 8, 0, checksum(header + payload), ident, seq) + payload
        sent = time.time_ns()
        try:
            sock.sendto(packet, (address, 0))
            with lock:
                out.write("%d SENT - - %d\n" % (sent, seq))
        except OSError as e:  # no route or no neighbour yet: the gap shows in the log
            with lock:
                out.write("%d SENDFAIL - - %d %s\n" % (sent, seq, e.errno))
        next_send += interval
        delay = next_send - time.monotonic()
        if delay > 0:
            stop.wait(delay)
        else:
            next_send = time.monotonic()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("iface")
    parser.add_argument("outfile")
    parser.add_argument("--ping")
    parser.add_argument("--interval", type=float, default=0.01)
    args = parser.parse_args()

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    capture = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    capture.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    capture.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    capture.bind((args.iface, 0))
    capture.settimeout(0.2)
    ident = os.getpid() & 0xFFFF
    lock = threading.Lock()
    out = open(args.outfile, "w", buffering=1 << 16)
    out.write("# observer on %s, icmp id %d\n" % (args.iface, ident))
    out.flush()
    # Tells the caller the capture is open (it waits for this file's first line).
    if args.ping:
        threading.Thread(target=pinger, args=(args.ping, args.interval, ident, out, lock, stop),
                         daemon=True).start()
    last_flush = time.monotonic()
    while not stop.is_set():
        try:
            frame, ancillary, _, address = capture.recvmsg(65535, socket.CMSG_SPACE(16))
        except socket.timeout:
            frame = None
        except InterruptedError:
            continue
        if frame is not None and address[2] != socket.PACKET_OUTGOING:
            line = describe(frame, ident)
            if line is not None:
                stamp = time.time_ns()
                for level, kind, data in ancillary:
                    if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(data) >= 16:
                        seconds, nanos = struct.unpack("qq", data[:16])
                        stamp = seconds * 1_000_000_000 + nanos
                with lock:
                    out.write("%d %s\n" % (stamp, line))
        if time.monotonic() - last_flush > 0.5:
            with lock:
                out.flush()
            last_flush = time.monotonic()
    with lock:
        out.flush()
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
