#!/usr/bin/env python3
"""Memory of a process and all its descendants (bench/run-all, memory figure).

Usage: procmem.py PID
Prints one line: PROCESSES RSS_KB PSS_KB, where RSS_KB adds VmRSS of every process
(shared pages counted once per process, as `ps` shows them) and PSS_KB adds Pss from
/proc/PID/smaps_rollup (each shared page divided among the processes that map it, so
the sum is what the process tree costs the machine). Exits 1 when PID is gone.
"""

import os
import sys


def children(pid):
    found = []
    try:
        for task in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/children" % (pid, task)) as f:
                found += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return found


def field(path, name):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(name + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def main():
    root = int(sys.argv[1])
    todo, seen = [root], []
    while todo:
        pid = todo.pop()
        seen.append(pid)
        todo += children(pid)
    rss = pss = count = 0
    for pid in seen:
        r = field("/proc/%d/status" % pid, "VmRSS")
        if r is None:  # a kernel thread has no VmRSS; a vanished process neither
            continue
        count += 1
        rss += r
        pss += field("/proc/%d/smaps_rollup" % pid, "Pss") or 0
    if count == 0:
        return 1
    print(count, rss, pss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
