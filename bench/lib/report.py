#!/usr/bin/env python3
"""Turns the raw measurements of bench/run-all into figures, tables and plots.

Usage: report.py RESULTS_DIR

Reads what run-all wrote (env.txt, load.csv, failover-trials.csv + raw/failover-*.obs and
raw/failover-*-b.mon, forwarder.md, checkers.txt, memory.csv, startup-trials.csv +
raw/startup.obs) and writes failover.csv and startup.csv (one row per trial),
results.json (every figure), summary.md (the tables docs/BENCHMARKS.md shows) and
plots/*.png. A part whose input is missing is left out and said so.

Definitions (all times from the kernel's receive stamps at the observer, or `ip monitor`'s
stamps in the backup, against the shell's clock taken just before the command; one clock,
CLOCK_REALTIME):
  failover, per trial, from t0 = just before `ip link set veth0 down` in the master:
    vip_ms     the VIP appears on the backup's interface (ip monitor in the backup)
    advert_ms  the backup's first advert seen by the observer
    garp_ms    the first gratuitous ARP for the VIP from the backup's MAC
    answer_ms  the first ping (sent every 10 ms) answered from the backup's MAC: the VIP is
               served again; this is the headline figure
    since_last_advert_ms  the backup's first advert minus the master's last advert before
               it, both stamped by the observer's kernel: the backup's Master_Down_Interval
               (3 x advert_int + skew) as seen on the wire, which the protocol bounds
  start-up, per trial: exec of the daemon (t0 just before `ip netns exec`) to its first
    advert on the wire.
"""

import csv
import datetime
import json
import os
import re
import statistics
import sys

RESULTS = sys.argv[1] if len(sys.argv) > 1 else "."
NOTES = []


def path(*parts):
    return os.path.join(RESULTS, *parts)


def exists(*parts):
    return os.path.exists(path(*parts))


def stats(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"n": len(values), "median": statistics.median(values), "min": min(values), "max": max(values)}


def fmt(s, digits=0, unit=""):
    if s is None:
        return "n/a"
    f = "%%.%df" % digits
    return (f % s["median"]) + unit + " [" + (f % s["min"]) + "–" + (f % s["max"]) + "]"


def ratio(a, b):
    if a is None or b is None or not b["median"]:
        return None
    return a["median"] / b["median"]


def fmt_ratio(r):
    return "n/a" if r is None else "%.2f" % r


def read_env():
    env = {}
    if exists("env.txt"):
        for line in open(path("env.txt")):
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                env[k] = v
    load = []
    if exists("load.csv"):
        load = list(csv.DictReader(open(path("load.csv"))))
    return env, load


# ---- observer logs -------------------------------------------------------------------

def read_obs(name):
    events = []
    if not exists("raw", name):
        return events
    for line in open(path("raw", name)):
        if line.startswith("#"):
            continue
        f = line.split()
        if len(f) >= 2:
            events.append((int(f[0]), f[1], f[2:]))
    return events


MON = re.compile(r"^\[(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d+)\]\s+(Deleted\s+)?\d+:\s+\S+\s+inet\s+(\S+)/")


def read_mon(name):
    """(t_ns, added?, address) from `TZ=UTC ip -ts monitor address`."""
    out = []
    if not exists("raw", name):
        return out
    for line in open(path("raw", name)):
        m = MON.match(line)
        if not m:
            continue
        base = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
        frac = m.group(2).ljust(9, "0")[:9]
        t = int(base.timestamp()) * 1_000_000_000 + int(frac)
        out.append((t, m.group(3) is None, m.group(4)))
    return out


def first(events, after, pred):
    for t, kind, f in events:
        if t > after and pred(kind, f):
            return t
    return None


def last(events, before, pred):
    found = None
    for t, kind, f in events:
        if t >= before:
            break
        if pred(kind, f):
            found = t
    return found


def ms(t, t0):
    return None if t is None or t0 is None else (t - t0) / 1e6


# ---- 1. failover ---------------------------------------------------------------------

def master_down_interval(version, advert, priority=100):
    skew = (256 - priority) * advert / 256.0
    return 3 * advert + skew


def failover():
    if not exists("failover-trials.csv"):
        NOTES.append("failover: not run")
        return None
    trials = list(csv.DictReader(open(path("failover-trials.csv"))))
    vip = None
    rows, timelines = [], {}
    cache = {}
    for tr in trials:
        key = tr["impl"] + "-" + tr["case"]
        if key not in cache:
            cache[key] = (read_obs("failover-%s.obs" % key), read_mon("failover-%s-b.mon" % key))
        obs, mon = cache[key]
        t0 = int(tr["t_down_ns"])
        mac_b, addr_a, addr_b = tr["mac_b"], tr["addr_a"], tr["addr_b"]
        if vip is None:
            vip = next((m[2] for m in mon if m[1]), None)
        t_vip = next((t for t, added, a in mon if t > t0 and added), None)
        t_adv = first(obs, t0, lambda k, f: k == "VRRP" and f[1] == addr_b and int(f[3]) > 0)
        t_garp = first(obs, t0, lambda k, f: k == "ARP" and f[0] == mac_b and f[1] == f[2] and (vip is None or f[1] == vip))
        t_ans = first(obs, t0, lambda k, f: k == "ICMP" and f[0] == mac_b)
        # The master's last advert before the backup took over (the link may have gone down
        # only late in the `ip link` command, after t0).
        t_last_a = last(obs, t_adv or t0, lambda k, f: k == "VRRP" and f[1] == addr_a and int(f[3]) > 0)
        sent = sum(1 for t, k, f in obs if k == "SENT" and t0 < t <= (t_ans or t0))
        advert = float(tr["advert_int"])
        rows.append({
            "impl": tr["impl"], "case": tr["case"], "version": int(tr["version"]), "advert_int_s": advert,
            "trial": int(tr["trial"]),
            "vip_ms": ms(t_vip, t0), "advert_ms": ms(t_adv, t0), "garp_ms": ms(t_garp, t0),
            "answer_ms": ms(t_ans, t0), "since_last_advert_ms": ms(t_adv, t_last_a),
            "link_down_cmd_ms": ms(int(tr["t_down_done_ns"]), t0), "pings_unanswered": sent,
            "master_down_interval_ms": master_down_interval(int(tr["version"]), advert) * 1000,
        })
    with open(path("failover.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    summary = {}
    for key in sorted({(r["case"], r["impl"]) for r in rows}):
        rs = [r for r in rows if (r["case"], r["impl"]) == key]
        obs, _ = cache[key[1] + "-" + key[0]]
        tk = [t for t in trials if (t["case"], t["impl"]) == key]
        summary["%s/%s" % key] = {
            "trials": len(rs),
            "master_down_interval_ms": rs[0]["master_down_interval_ms"],
            **{m: stats([r[m] for r in rs]) for m in
               ("vip_ms", "advert_ms", "garp_ms", "answer_ms", "since_last_advert_ms", "pings_unanswered")},
            "false_takeovers": false_takeovers(obs, tk),
        }
        # the median trial (by answer time) for the timeline plot, among the trials whose
        # plotted lead-in shows the steady state (no advert from B just before the link went down)
        quiet = [r for r in rs if not b_advert_before(obs, next(t for t in tk if int(t["trial"]) == r["trial"]))]
        ordered = sorted(quiet or rs, key=lambda r: (r["answer_ms"] is None, r["answer_ms"] or 0))
        mid = ordered[(len(ordered) - 1) // 2]
        tmid = next(t for t in tk if int(t["trial"]) == mid["trial"])
        timelines["%s/%s" % key] = (obs, tmid, mid)
    return {"trials": rows, "summary": summary, "timelines": timelines}


def b_advert_before(obs, trial):
    """Whether B sent an advert in the 3 advert intervals (at most 2 s) before the link went down."""
    t0 = int(trial["t_down_ns"])
    lead = min(3 * float(trial["advert_int"]), 2.0) * 1e9
    return any(k == "VRRP" and f[1] == trial["addr_b"] and t0 - lead <= t < t0 for t, k, f in obs)


def false_takeovers(obs, trials):
    """Adverts from the backup while the master was up and master (outside every trial's
    window from link down to 1 s after the master was back), from 3 s before the first
    trial to the end of the last trial's settling time (3 x advert_int + 1.5 s; the
    daemons are stopped after it): each is a takeover nobody asked for."""
    if not trials:
        return None
    addr_b = trials[0]["addr_b"]
    start = int(trials[0]["t_down_ns"]) - 3_000_000_000
    end = int(trials[-1]["t_recovered_ns"]) + int((3 * float(trials[-1]["advert_int"]) + 1.5) * 1e9)
    windows = [(int(t["t_down_ns"]), int(t["t_recovered_ns"]) + 1_000_000_000) for t in trials]
    count = 0
    for t, k, f in obs:
        if k == "VRRP" and f[1] == addr_b and int(f[3]) > 0 and start < t < end:
            if not any(a <= t <= b for a, b in windows):
                count += 1
    return count


# ---- 2. forwarder, 3. checkers (the scripts' own output) ------------------------------

CELL = re.compile(r"^\s*([0-9.]+)\s*\[([0-9.]+)[–-]([0-9.]+)\]\s*$")


def forwarder():
    if not exists("forwarder.md"):
        NOTES.append("forwarder: not run")
        return None
    lines = open(path("forwarder.md")).read().splitlines()
    header, first_header, rows = None, None, []
    for line in lines:
        if not line.startswith("|"):
            header = None  # a table ends at the first line that is not a row; the next has its own header
            continue
        if set(line) <= set("|-: "):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
            first_header = first_header or cells
            continue
        row = {"metric": cells[0], "table": header[0]}
        for name, cell in zip(header[1:], cells[1:]):
            m = CELL.match(cell)
            if m:
                row[name] = {"median": float(m.group(1)), "min": float(m.group(2)), "max": float(m.group(3))}
            else:
                try:
                    row[name] = float(cell)
                except ValueError:
                    row[name] = cell
        rows.append(row)
    if not rows:
        NOTES.append("forwarder: no table found in forwarder.md")
        return None
    return {"title": [l for l in lines if l and not l.startswith("|")], "columns": first_header, "rows": rows}


def checkers():
    if not exists("checkers.txt"):
        NOTES.append("checkers: not run")
        return None
    text = open(path("checkers.txt")).read()

    def num(pattern):
        m = re.search(pattern, text, re.M)
        return float(m.group(1)) if m else None

    return {
        "servers": num(r"^checkers\s+(\d+)"),
        "checks_per_s": num(r"^checks completed/s\s+([0-9.]+)"),
        "mean_attempt_ms": num(r"^mean attempt time\s+([0-9.]+)"),
        "failed": num(r"^failed checks\s+(\d+)"),
        "state_changes": num(r"^up/down changes\s+(\d+)"),
        "cores": num(r"^process CPU\s+[0-9.]+ s = ([0-9.]+) cores"),
        "cpu_per_check_us": num(r"^CPU per check\s+([0-9.]+)"),
        "load": (re.search(r"^load average\s+(.*)$", text, re.M) or [None, None])[1],
    }


# ---- 4. memory -----------------------------------------------------------------------

def memory():
    if not exists("memory.csv"):
        NOTES.append("memory: not run")
        return None
    rows = list(csv.DictReader(open(path("memory.csv"))))
    out = {}
    for r in rows:
        key = "%s/%s/%s" % (r["where"], r["config"], r["impl"])
        entry = out.setdefault(key, {"where": r["where"], "config": r["config"], "impl": r["impl"], "series": []})
        entry["series"].append((int(r["t_s"]), int(r["processes"]), int(r["rss_kb"]), int(r["pss_kb"])))
    for e in out.values():
        t, n, rss, pss = e["series"][-1]
        e.update({"seconds": t, "processes": n, "rss_mb": rss / 1024, "pss_mb": pss / 1024,
                  "max_rss_mb": max(s[2] for s in e["series"]) / 1024})
    return out


# ---- 5. start-up ---------------------------------------------------------------------

def startup():
    if not exists("startup-trials.csv"):
        NOTES.append("startup: not run")
        return None
    obs = read_obs("startup.obs")
    trials = list(csv.DictReader(open(path("startup-trials.csv"))))
    rows = []
    for tr in trials:
        t0 = int(tr["t_exec_ns"])
        t = first(obs, t0, lambda k, f: k == "VRRP" and f[1] == tr["addr"] and int(f[3]) > 0)
        rows.append({"impl": tr["impl"], "variant": tr["variant"], "trial": int(tr["trial"]), "first_advert_ms": ms(t, t0)})
    with open(path("startup.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["impl", "variant", "trial", "first_advert_ms"])
        w.writeheader()
        w.writerows(rows)
    out = {}
    for key in dict.fromkeys((r["impl"], r["variant"]) for r in rows):
        out["%s/%s" % key] = stats([r["first_advert_ms"] for r in rows if (r["impl"], r["variant"]) == key])
    return {"trials": rows, "summary": out}


# ---- plots ---------------------------------------------------------------------------

def plots(fo, fw, mem, su):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        NOTES.append("plots: matplotlib is missing (apt-get install python3-matplotlib)")
        return []
    os.makedirs(path("plots"), exist_ok=True)
    made = []
    if fo and fo["timelines"]:
        made.append(plot_failover(plt, fo))
    if fw:
        made.append(plot_forwarder(plt, fw))
    if mem:
        made.append(plot_memory(plt, mem))
    if su and su["summary"]:
        made.append(plot_startup(plt, su))
    return [m for m in made if m]


COLORS = {"vigil": "#1f77b4", "vigil-small": "#aec7e8", "keepalived": "#d62728", "haproxy": "#d62728", "nginx": "#7f7f7f"}


def plot_failover(plt, fo):
    keys = sorted(fo["timelines"], key=lambda k: (k.split("/")[0], k.split("/")[1] != "vigil"))
    fig, axes = plt.subplots(len(keys), 1, figsize=(9, 1.9 * len(keys) + 0.6), squeeze=False)
    for ax, key in zip(axes[:, 0], keys):
        obs, tr, row = fo["timelines"][key]
        t0 = int(tr["t_down_ns"])
        adv = float(tr["advert_int"])
        short = adv < 0.5
        lo = -3 * adv if short else -1.5 * adv
        hi = max(4.5 * adv, (row["answer_ms"] or 0) / 1000 + (3 * adv if short else 1.2))
        lanes = [("adverts from A (master)", lambda k, f: k == "VRRP" and f[1] == tr["addr_a"], "|", "#1f77b4"),
                 ("adverts from B (backup)", lambda k, f: k == "VRRP" and f[1] == tr["addr_b"], "|", "#ff7f0e"),
                 ("GARP for the VIP from B", lambda k, f: k == "ARP" and f[0] == tr["mac_b"] and f[1] == f[2], "v", "#2ca02c"),
                 ("pings answered via A", lambda k, f: k == "ICMP" and f[0] == tr["mac_a"], ".", "#1f77b4"),
                 ("pings answered via B", lambda k, f: k == "ICMP" and f[0] == tr["mac_b"], ".", "#ff7f0e")]
        for y, (label, pred, marker, color) in enumerate(lanes):
            xs = [(t - t0) / 1e9 for t, k, f in obs if pred(k, f) and lo <= (t - t0) / 1e9 <= hi]
            ax.plot(xs, [y] * len(xs), linestyle="none", marker=marker, color=color, markersize=6 if marker != "." else 3)
        ax.axvline(0, color="black", linewidth=1)
        if row["vip_ms"] is not None:
            ax.axvline(row["vip_ms"] / 1000, color="#2ca02c", linestyle="--", linewidth=1)
        t_adv = t0 + row["advert_ms"] * 1e6 if row["advert_ms"] is not None else t0
        t_last_a = last(obs, t_adv, lambda k, f: k == "VRRP" and f[1] == tr["addr_a"] and int(f[3]) > 0)
        if t_last_a is not None:
            deadline = (t_last_a - t0) / 1e9 + row["master_down_interval_ms"] / 1000
            ax.axvline(deadline, color="#7f7f7f", linestyle=":", linewidth=1)
        ax.set_yticks(range(len(lanes)))
        ax.set_yticklabels([l[0] for l in lanes], fontsize=7)
        ax.set_ylim(-0.7, len(lanes) - 0.3)
        ax.set_xlim(lo, hi)
        ax.tick_params(axis="x", labelsize=7)
        case, impl = key.split("/")
        ax.set_title("%s, %s (trial %d): link down at 0, VIP on B at %.0f ms (dashed), first answer via B at %s ms"
                     % (impl, "VRRPv2 advert_int 1 s" if case.startswith("v2") else "VRRPv3 advert_int 0.05 s",
                        row["trial"], row["vip_ms"] or float("nan"),
                        "%.0f" % row["answer_ms"] if row["answer_ms"] is not None else "n/a"), fontsize=8)
    axes[-1, 0].set_xlabel("seconds from `ip link set veth0 down` on the master (median trial of each case)\n"
                           "dotted: A's last advert + Master_Down_Interval, when the protocol lets B take over", fontsize=8)
    fig.tight_layout()
    out = path("plots", "failover-timeline.png")
    fig.savefig(out, dpi=90)
    plt.close(fig)
    return out


def plot_forwarder(plt, fw):
    wanted = [r for r in fw["rows"] if re.search(r"requests/s|connections/s|MB/s", r["metric"])]
    cols = [c for c in fw["columns"][1:] if isinstance(wanted[0].get(c), dict)] if wanted else []
    if not wanted or not cols:
        return None
    fig, axes = plt.subplots(1, len(wanted), figsize=(3.2 * len(wanted), 3.4), squeeze=False)
    for ax, row in zip(axes[0], wanted):
        vals = [row[c] for c in cols]
        colors = [COLORS.get(c.split()[0].lower(), "#2ca02c") for c in cols]
        ax.bar(range(len(cols)), [v["median"] for v in vals], color=colors,
               yerr=[[v["median"] - v["min"] for v in vals], [v["max"] - v["median"] for v in vals]], capsize=4)
        ax.set_xticks(range(len(cols)))
        ax.set_xticklabels([c.replace(" (one server)", "\n(one server)") for c in cols], fontsize=7)
        ax.set_title(row["metric"], fontsize=8)
        ax.tick_params(axis="y", labelsize=7)
    fig.suptitle("Forwarder vs HAProxy (TCP mode), median of the rounds, bars = min–max", fontsize=9)
    fig.tight_layout()
    out = path("plots", "forwarder-vs-haproxy.png")
    fig.savefig(out, dpi=90)
    plt.close(fig)
    return out


def plot_memory(plt, mem):
    keys = list(mem)
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(keys) + 1.2))
    for i, k in enumerate(keys):
        e = mem[k]
        ax.barh(i, e["pss_mb"], color=COLORS.get(e["impl"], "#7f7f7f"))
        ax.text(e["pss_mb"], i, " %.1f MB PSS (RSS %.1f, %d proc.)" % (e["pss_mb"], e["rss_mb"], e["processes"]),
                va="center", fontsize=7)
    ax.set_yticks(range(len(keys)))
    ax.set_yticklabels(["%s: %s, %s config" % (mem[k]["impl"], "IPVS VM" if mem[k]["where"] == "vm" else "this machine",
                                                mem[k]["config"]) for k in keys], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("MB (PSS summed over the process tree, after the steady state)", fontsize=8)
    ax.set_xlim(0, max(e["pss_mb"] for e in mem.values()) * 1.6)
    ax.tick_params(axis="x", labelsize=7)
    fig.tight_layout()
    out = path("plots", "memory.png")
    fig.savefig(out, dpi=90)
    plt.close(fig)
    return out


def plot_startup(plt, su):
    keys = list(su["summary"])
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(keys) + 1.2))
    for i, k in enumerate(keys):
        xs = [r["first_advert_ms"] for r in su["trials"] if "%s/%s" % (r["impl"], r["variant"]) == k and r["first_advert_ms"] is not None]
        s = su["summary"][k]
        if s:
            ax.barh(i, s["median"], color=COLORS.get(k.split("/")[0], "#7f7f7f"), alpha=0.6)
        ax.plot(xs, [i] * len(xs), "k|", markersize=10)
    ax.axvline(171, color="black", linestyle=":", linewidth=1)
    ax.set_yticks(range(len(keys)))
    ax.set_yticklabels(keys, fontsize=7)
    ax.set_xlabel("ms from exec to the first advert on the wire (bar = median, ticks = trials;"
                  " dotted = the protocol's own wait, 171 ms)", fontsize=7)
    ax.tick_params(axis="x", labelsize=7)
    fig.tight_layout()
    out = path("plots", "startup.png")
    fig.savefig(out, dpi=90)
    plt.close(fig)
    return out


# ---- summary -------------------------------------------------------------------------

def summary_md(env, load, fo, fw, ch, mem, su):
    md = []
    loads = [float(r["load1"]) for r in load]
    md.append("Run %s: %s cores (%s), %s MB RAM, kernel %s, %s, %s; Vigil %s (git %s)." % (
        env.get("started_utc", "?"), env.get("cpus", "?"), env.get("model", "?"),
        int(env.get("mem_total_kb", "0")) // 1024, env.get("kernel", "?"), env.get("jdk", "?").strip(),
        env.get("keepalived", "?"), env.get("vigil", "?").replace("Vigil ", ""), env.get("git", "?").split(" ")[0]))
    if loads:
        md.append("Load average (1 min) during the run: %.1f–%.1f. Wall time %s s.%s" % (
            min(loads), max(loads), env.get("wall_s", "?"), " QUICK mode: smoke run, figures not meaningful." if env.get("quick", "").startswith("1") else ""))
    md.append("")
    md.extend(headline(fo, fw, ch, mem, su))
    if fo:
        md.append("### Failover: Vigil vs keepalived (master's link down)")
        md.append("")
        md.append("ms from `ip link set veth0 down` on the master, median [min–max] over %d trials; "
                  "\"since last advert\" is the backup's first advert minus the master's last advert before it (both on the "
                  "wire), the quantity VRRP bounds by Master_Down_Interval (in brackets); \"VIP on backup\" is `ip monitor`'s "
                  "stamp in the backup, which lags when the machine is loaded." % max(s["trials"] for s in fo["summary"].values()))
        md.append("")
        md.append("| case | implementation | VIP on backup | backup's first advert | first GARP | first ping answered via backup | since last advert (bound) | false takeovers |")
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for key, s in fo["summary"].items():
            case, impl = key.split("/")
            md.append("| %s | %s | %s | %s | %s | %s | %s (%.0f) | %s |" % (
                "VRRPv2, advert_int 1 s" if case.startswith("v2") else "VRRPv3, advert_int 0.05 s", impl,
                fmt(s["vip_ms"]), fmt(s["advert_ms"]), fmt(s["garp_ms"]), fmt(s["answer_ms"]),
                fmt(s["since_last_advert_ms"]), s["master_down_interval_ms"], s["false_takeovers"]))
        md.append("")
        cmd = stats([r["link_down_cmd_ms"] for r in fo["trials"]])
        if cmd:
            md.append("The `ip link set veth0 down` command itself took %.0f ms (median; max %.0f ms): the link went "
                      "down somewhere within it, so t0 is early by up to that much; \"since last advert\" does not "
                      "depend on t0." % (cmd["median"], cmd["max"]))
            md.append("")
        for case in sorted({k.split("/")[0] for k in fo["summary"]}):
            v, k = fo["summary"].get(case + "/vigil"), fo["summary"].get(case + "/keepalived")
            if v and k:
                md.append("- %s: Vigil/keepalived (medians): VIP on backup %s, first answer %s." % (
                    case, fmt_ratio(ratio(v["vip_ms"], k["vip_ms"])), fmt_ratio(ratio(v["answer_ms"], k["answer_ms"]))))
        md.append("")
    if fw:
        md.append("### Forwarder vs HAProxy (bench/forwarder-vs-haproxy)")
        md.append("")
        md.extend(open(path("forwarder.md")).read().strip().splitlines())
        md.append("")
    if ch:
        md.append("### Checkers (bench/checkers-10k, TCP_CHECK, delay_loop 1 s; target: under one core)")
        md.append("")
        md.append("| servers | checks/s | mean attempt | failed | up/down changes | CPU (cores) | CPU per check |")
        md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        md.append("| %s | %s | %s ms | %s | %s | %s | %s µs |" % tuple(
            "n/a" if ch[k] is None else ("%.0f" % ch[k] if k != "cores" else "%.2f" % ch[k])
            for k in ("servers", "checks_per_s", "mean_attempt_ms", "failed", "state_changes", "cores", "cpu_per_check_us")))
        md.append("")
    if mem:
        md.append("### Resident memory after the steady state")
        md.append("")
        md.append("| where | config | implementation | processes | RSS (sum) MB | PSS (sum) MB | peak RSS MB |")
        md.append("| --- | --- | --- | ---: | ---: | ---: | ---: |")
        for e in mem.values():
            md.append("| %s | %s | %s | %d | %.1f | %.1f | %.1f |" % (
                "IPVS VM" if e["where"] == "vm" else "this machine", e["config"], e["impl"], e["processes"],
                e["rss_mb"], e["pss_mb"], e["max_rss_mb"]))
        md.append("")
        if any(e["impl"] == "vigil-small" for e in mem.values()):
            md.append("vigil-small: Vigil with VIGIL_JAVA_OPTS=\"%s\"." % env.get("memory_small_opts", "?"))
            md.append("")
    if su:
        md.append("### Start-up: exec to the first advert on the wire (VRRPv3, advert_int 0.05 s; the protocol's own wait is 171 ms)")
        md.append("")
        md.append("| implementation / variant | ms, median [min–max] | trials |")
        md.append("| --- | ---: | ---: |")
        for key, s in su["summary"].items():
            md.append("| %s | %s | %s |" % (key, fmt(s), s["n"] if s else 0))
        md.append("")
    if exists("failed.txt"):
        md.append("Parts that failed in this run: " + "; ".join(l.strip() for l in open(path("failed.txt")) if l.strip()) + ".")
        md.append("")
    if NOTES:
        md.append("Notes: " + "; ".join(NOTES) + ".")
    return "\n".join(md) + "\n"


def headline(fo, fw, ch, mem, su):
    """One row per figure: Vigil, its anchor, and the ratio of the two."""
    rows = []

    def add(name, v, a, anchor, digits=0, r=None):
        if v is None and a is None:
            return
        f = "%%.%df" % digits
        rows.append("| %s | %s | %s | %s | %s |" % (name, "n/a" if v is None else f % v, anchor,
                                                   "n/a" if a is None else f % a,
                                                   fmt_ratio(r if r is not None else (v / a if v is not None and a else None))))

    if fo:
        for case, label in (("v2-1s", "VRRPv2 1 s"), ("v3-50ms", "VRRPv3 0.05 s")):
            v, k = fo["summary"].get(case + "/vigil"), fo["summary"].get(case + "/keepalived")
            med = lambda s: s["answer_ms"]["median"] if s and s["answer_ms"] else None
            add("failover %s: link down → first answer via the backup (ms, median)" % label, med(v), med(k), "keepalived")
    if fw:
        for row in fw["rows"]:
            if re.search(r"requests/s|connections/s|MB/s|^CPU per", row["metric"]) and isinstance(row.get("Vigil"), dict) \
                    and isinstance(row.get("HAProxy"), dict):
                add("forwarder: %s (median%s)" % (row["metric"], ", lower is better" if row["metric"].startswith("CPU") else ""),
                    row["Vigil"]["median"], row["HAProxy"]["median"], "HAProxy", 1)
    if ch and ch["cores"] is not None:
        add("checkers: cores for %d TCP_CHECKs at delay_loop 1 s (%.0f checks/s)" % (ch["servers"] or 0, ch["checks_per_s"] or 0),
            ch["cores"], 1.0, "target", 2)
    if mem:
        for where, config, label in (("vm", "director", "director config, IPVS VM"), ("host", "vrrp", "VRRP only, this machine")):
            v, k = mem.get("%s/%s/vigil" % (where, config)), mem.get("%s/%s/keepalived" % (where, config))
            if v or k:
                add("memory: PSS MB, %s" % label, v and v["pss_mb"], k and k["pss_mb"], "keepalived (all processes)", 1)
    if su:
        v, k = su["summary"].get("vigil/default"), su["summary"].get("keepalived/default")
        add("start-up: exec → first advert (ms, median)", v and v["median"], k and k["median"], "keepalived")
        for variant in ("appcds", "aot-cache"):
            s = su["summary"].get("vigil/" + variant)
            if s:
                add("start-up with %s (ms, median)" % variant, s["median"], k and k["median"], "keepalived")
    if not rows:
        return []
    return ["| figure | Vigil | anchor | anchor's figure | Vigil/anchor |", "| --- | ---: | --- | ---: | ---: |"] + rows + [""]


def main():
    env, load = read_env()
    fo, fw, ch, mem, su = failover(), forwarder(), checkers(), memory(), startup()
    made = plots(fo, fw, mem, su)
    results = {
        "env": env, "load": load,
        "failover": None if fo is None else {"summary": fo["summary"], "trials": fo["trials"]},
        "forwarder": fw, "checkers": ch,
        "memory": None if mem is None else {k: {x: y for x, y in v.items()} for k, v in mem.items()},
        "startup": su, "plots": [os.path.relpath(m, RESULTS) for m in made], "notes": NOTES,
    }
    with open(path("results.json"), "w") as f:
        json.dump(results, f, indent=1)
    with open(path("summary.md"), "w") as f:
        f.write(summary_md(env, load, fo, fw, ch, mem, su))
    return 0


if __name__ == "__main__":
    sys.exit(main())
