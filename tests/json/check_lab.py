#!/usr/bin/python3
"""vm_json: ours' --json and --metrics against schema/ and against 1.31's text, in the lab.

Runs tests/vm/json-suite in the QEMU lab (one boot) or reads a transcript it printed,
then for every case:
- every JSON document is valid against its schema (jsonschema, draft 2020-12), is one
  line ending in a newline (or, with --pretty, json.dumps(doc, indent=2) exactly) and
  exits 0 with nothing on stderr;
- the facts equal what the reference prints for the same kernel state: services and
  real servers (identity, order, scheduler, flags, persistence, pe, -o, forwarding,
  weight, thresholds, tunnels, ActiveConn/InActConn/PersistConn) from -Ln, -Sn,
  --thresholds, --persistent-conn and --tun-info; counters and rates from
  --stats --exact and --rate --exact; -c rows; --timeout; --daemon;
- every --metrics output parses with prometheus_client, has # HELP and # TYPE for the
  spec's fourteen families, and each sample equals the JSON's figure.

Usage: /usr/bin/python3 tests/json/check_lab.py --ours BUILD/ipvsadm [--save FILE]
       /usr/bin/python3 tests/json/check_lab.py --transcript FILE
Exit 0 when every check holds; else "FAIL case: what" lines and exit 1 (2: no transcript).
"""
import argparse
import ipaddress
import json
import pathlib
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import schemas  # noqa: E402

from prometheus_client.parser import text_string_to_metric_families  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]


class Fail(Exception):
    pass


# ---------------------------------------------------------------------------
# The transcript


class Run:
    def __init__(self, label, cmd):
        self.label, self.cmd = label, cmd
        self.out, self.err, self.rc, self.eol = "", "", None, None

    def __repr__(self):
        return f"{self.label} ($ {self.cmd})"


class Case:
    def __init__(self, name):
        self.name = name
        self.runs = []
        self.tries = {}

    def get(self, label):
        found = [r for r in self.runs if r.label == label]
        if len(found) != 1:
            raise Fail(f"the transcript has {len(found)} runs labelled {label}")
        return found[0]

    def labels(self, prefix):
        return [r for r in self.runs if r.label.startswith(prefix)]


def parse_transcript(text):
    cases, setups = {}, []
    case = None
    run = None
    mode = None
    done = False
    for line in text.split("\n"):
        if line.startswith("@@@ "):
            word = line[4:].split(" ", 1)
            key, rest = word[0], word[1] if len(word) > 1 else ""
            if key == "CASE":
                case = cases.setdefault(rest, Case(rest))
                continue
            if key == "RUN":
                label, cmd = rest.split(" $ ", 1)
                run = Run(label, cmd)
                case.runs.append(run)
                mode = "out"
                continue
            if key == "STDERR" and run is not None:
                mode = "err"
                continue
            if key == "END" and run is not None:
                m = re.fullmatch(r"rc=(\d+) eol=([01])", rest)
                run.rc, run.eol = int(m.group(1)), m.group(2) == "1"
                run, mode = None, None
                continue
            if key == "TRIES":
                label, n = rest.split()
                case.tries[label] = int(n)
                continue
            if key in ("SETUP", "SETUP-OUT"):
                setups.append(line[4:])
                continue
            if key == "DONE":
                done = True
                continue
        if run is not None:
            if mode == "out":
                run.out += line + "\n"
            elif mode == "err":
                run.err += line + "\n"
    for c in cases.values():
        for r in c.runs:
            if r.rc is None:
                raise Fail(f"{c.name}: run {r} has no END line (transcript cut short)")
            if not r.eol:  # the suite added a newline to print the END marker
                r.out = r.out[:-1]
    return cases, setups, done


# ---------------------------------------------------------------------------
# Text parsers for 1.31's output


def u32(text):
    """1.31 prints fwmarks of 2^31 and above as negative numbers (COMPAT D5)."""
    return int(text) & 0xFFFFFFFF


def split_hostport(text):
    if text.startswith("["):
        addr, port = text[1:].split("]:")
        return str(ipaddress.IPv6Address(addr)), "inet6", int(port)
    addr, port = text.rsplit(":", 1)
    return str(ipaddress.IPv4Address(addr)), "inet", int(port)


def service_id_text(words):
    """(id, the words after it) from a service line of -L."""
    proto = words[0]
    if proto == "FWM":
        mark = u32(words[1])
        fam = "inet"
        rest = words[2:]
        if rest and rest[0] == "IPv6":
            fam, rest = "inet6", rest[1:]
        return ("fwmark", mark, fam), rest
    addr, fam, port = split_hostport(words[1])
    return (proto.lower(), addr, port, fam), words[2:]


def service_id_json(s):
    if "fwmark" in s:
        return ("fwmark", s["fwmark"], s["family"])
    return (s["protocol"], s["address"], s["port"], s["family"])


def rs_id_json(r):
    return (r["address"], r["port"])


FORWARD_TEXT = {"Masq": "masq", "Local": "local", "Tunnel": "tunnel", "Route": "route"}


def parse_listing(text):
    """-L -n in any view -> [(service id, [settings words], [(rs id, family, [words])])]."""
    out = []
    for line in text.splitlines():
        if line.startswith(("IP Virtual Server", "Prot ", "  -> RemoteAddress")):
            continue
        words = line.split()
        if not words:
            continue
        if line.startswith("  -> "):
            addr, fam, port = split_hostport(words[1])
            out[-1][2].append(((addr, port), fam, words[2:]))
        else:
            sid, rest = service_id_text(words)
            out.append((sid, rest, []))
    return out


def settings_from_ln(rest):
    """The words after a service's identity in -Ln: scheduler, (flags), persistence..."""
    d = {"scheduler": rest[0], "sched_flags": [], "persistence": None, "pe": None,
         "one_packet": False}
    i = 1
    if i < len(rest) and rest[i].startswith("("):
        inner = rest[i][1:-1]
        d["sched_flags"] = inner.split(",") if inner else []
        i += 1
    while i < len(rest):
        w = rest[i]
        if w == "persistent":
            d["persistence"] = {"timeout": int(rest[i + 1]), "mask": None}
            i += 2
        elif w == "mask":
            m = rest[i + 1]
            d["persistence"]["mask"] = m if "." in m else int(m)
            i += 2
        elif w == "pe":
            d["pe"] = rest[i + 1]
            i += 2
        elif w == "ops":
            d["one_packet"] = True
            i += 1
        else:
            raise Fail(f"unknown word {w!r} in a -Ln service line: {rest}")
    return d


def parse_tunnel_text(t):
    if t == "n/a":
        return None
    parts = t.split(":")
    flags = {"+c": ["csum"], "-c": [], "r+c": ["remcsum"]}
    if parts[0] == "ipip":
        return {"type": "ipip"}
    if parts[0] == "gue":
        return {"type": "gue", "port": int(parts[1]), "flags": flags[parts[2]]}
    if parts[0] == "gre":
        return {"type": "gre", "flags": flags[parts[1]]}
    raise Fail(f"unknown tunnel info {t!r}")


def parse_save(text):
    """-Sn -> [(service id, settings, [(rs id, family, settings)])]."""
    out = []
    for line in text.splitlines():
        w = line.split()
        if not w:
            continue
        cmd, kind = w[0], w[1]
        i = 3
        if kind == "-f":
            fam = "inet"
            if len(w) > 3 and w[3] == "-6":
                fam, i = "inet6", 4
            sid = ("fwmark", u32(w[2]), fam)
        else:
            addr, fam, port = split_hostport(w[2])
            proto = {"-t": "tcp", "-u": "udp", "--sctp-service": "sctp"}[kind]
            sid = (proto, addr, port, fam)
        if cmd == "-A":
            d = {"scheduler": None, "sched_flags": [], "persistence": None, "pe": None,
                 "one_packet": False}
            while i < len(w):
                o = w[i]
                if o == "-s":
                    d["scheduler"], i = w[i + 1], i + 2
                elif o == "-p":
                    d["persistence"], i = {"timeout": int(w[i + 1]), "mask": None}, i + 2
                elif o == "-M":
                    m = w[i + 1]
                    d["persistence"]["mask"], i = (m if "." in m else int(m)), i + 2
                elif o == "-b":
                    d["sched_flags"], i = w[i + 1].split(","), i + 2
                elif o == "--pe":
                    d["pe"], i = w[i + 1], i + 2
                elif o == "-o":
                    d["one_packet"], i = True, i + 1
                else:
                    raise Fail(f"unknown option {o!r} in -Sn line {line!r}")
            out.append((sid, d, []))
        elif cmd == "-a":
            assert w[i] == "-r", line
            addr, rfam, port = split_hostport(w[i + 1])
            i += 2
            r = {"tunnel": None}
            tun = {}
            while i < len(w):
                o = w[i]
                if o in ("-m", "-g", "-i"):
                    r["forward"] = {"-m": "masq", "-g": "route", "-i": "tunnel"}[o]
                    i += 1
                elif o == "-w":
                    r["weight"], i = int(w[i + 1]), i + 2
                elif o == "--tun-type":
                    tun["type"], i = w[i + 1], i + 2
                elif o == "--tun-port":
                    tun["port"], i = int(w[i + 1]), i + 2
                elif o in ("--tun-csum", "--tun-nocsum", "--tun-remcsum"):
                    tun["flags"] = {"--tun-csum": ["csum"], "--tun-nocsum": [],
                                    "--tun-remcsum": ["remcsum"]}[o]
                    i += 1
                else:
                    raise Fail(f"unknown option {o!r} in -Sn line {line!r}")
            if tun:
                r["tunnel"] = tun
            if out[-1][0] != sid:
                raise Fail(f"-Sn: real server line not after its service: {line!r}")
            out[-1][2].append(((addr, port), rfam, r))
    return out


def mask_json(p):
    """A JSON persistence object in the text's terms: the mask only when not the default."""
    if p is None:
        return None
    if "netmask" in p:
        m = p["netmask"]
        return {"timeout": p["timeout"], "mask": None if m == "255.255.255.255" else m}
    n = p.get("prefix_length")
    return {"timeout": p["timeout"], "mask": None if n == 128 else n}


def json_settings(s):
    return {"scheduler": s["scheduler"], "sched_flags": s["sched_flags"],
            "persistence": mask_json(s.get("persistence")), "pe": s.get("pe"),
            "one_packet": s["one_packet"]}


def first_difference(got, want, where=""):
    """(path, ours, reference) at the first place two values differ."""
    if isinstance(got, list) and isinstance(want, list) and len(got) == len(want):
        for i, (g, w) in enumerate(zip(got, want)):
            if g != w:
                return first_difference(g, w, f"{where}[{i}]")
    if isinstance(got, dict) and isinstance(want, dict) and list(got) == list(want):
        for k in want:
            if got[k] != want[k]:
                return first_difference(got[k], want[k], f"{where}.{k}")
    return where, got, want


def short(v, n=400):
    t = repr(v)
    return t if len(t) <= n else t[:n] + "..."


def expect_equal(what, got, want):
    if got == want:
        return
    where, g, w = first_difference(got, want)
    raise Fail(f"{what}: {where or '(whole)'}: ours {short(g)}, reference {short(w)}")


# ---------------------------------------------------------------------------
# Checks

V = schemas.load()
failures = []
counts = {"documents": 0, "metrics": 0, "facts": 0}


def check(case, what, fn, *args):
    try:
        fn(*args)
    except Fail as e:
        failures.append(f"{case.name}: {what}: {e}")
    except (KeyError, IndexError, ValueError, TypeError, AttributeError) as e:
        failures.append(f"{case.name}: {what}: {type(e).__name__}: {e}")


def document(case, label, doc_name, pretty=False):
    """Our run LABEL as a valid DOC_NAME document, its form checked."""
    r = case.get(label)
    if r.rc != 0 or r.err:
        raise Fail(f"{r}: exit {r.rc}, stderr {r.err.strip()!r}")
    if not r.eol:
        raise Fail(f"{r}: output does not end in a newline")
    try:
        r.out.encode("utf-8", "surrogateescape").decode("utf-8")
    except UnicodeDecodeError as e:
        raise Fail(f"{r}: output is not UTF-8: {e}") from None
    try:
        doc = json.loads(r.out)
    except ValueError as e:
        raise Fail(f"{r}: not JSON: {e}: {r.out[:200]!r}") from None
    if pretty:
        if r.out != json.dumps(doc, indent=2) + "\n":
            raise Fail(f"{r}: --pretty is not two-space indented JSON with one key per line")
    elif r.out.count("\n") != 1:
        raise Fail(f"{r}: {r.out.count(chr(10))} lines; one line without --pretty")
    errs = schemas.errors(V[doc_name], doc)
    if errs:
        raise Fail(f"{r}: invalid against schema/{doc_name}.schema.json: " + "; ".join(errs[:5]))
    counts["documents"] += 1
    return doc


def ref_text(case, label):
    r = case.get(label)
    if r.rc != 0:
        raise Fail(f"{r}: the reference failed: exit {r.rc}, {r.err.strip()!r}")
    return r.out


def compare_listing(doc, ln=None, sn=None, thr=None, pc=None, tun=None, stats=None,
                    rate=None, rules=False):
    """The services of a list (or rules) document against the reference's views."""
    services = doc["services"]
    base = parse_listing(ln) if ln is not None else None
    if base is not None:
        expect_equal("services in order", [service_id_json(s) for s in services],
                     [sid for sid, _, _ in base])
        for s, (sid, rest, rss) in zip(services, base):
            expect_equal(f"{sid} settings (-Ln)", json_settings(s), settings_from_ln(rest))
            got = [(rs_id_json(r), r["family"], r["forward"], r["weight"]) +
                   (() if rules else (r["active_conns"], r["inactive_conns"]))
                   for r in s["real_servers"]]
            want = [(rid, fam, FORWARD_TEXT[w[0]], int(w[1])) +
                    (() if rules else (int(w[2]), int(w[3])))
                    for rid, fam, w in rss]
            expect_equal(f"{sid} real servers (-Ln)", got, want)
            counts["facts"] += 1
    if sn is not None:
        saved = parse_save(sn)
        expect_equal("services in order (-Sn)", [service_id_json(s) for s in services],
                     [sid for sid, _, _ in saved])
        for s, (sid, d, rss) in zip(services, saved):
            expect_equal(f"{sid} settings (-Sn)", json_settings(s), d)
            got = [(rs_id_json(r), r["family"], r["forward"], r["weight"], r.get("tunnel"))
                   for r in s["real_servers"]]
            want = [(rid, fam, x["forward"], x["weight"], x["tunnel"]) for rid, fam, x in rss]
            expect_equal(f"{sid} real servers (-Sn)", got, want)
            counts["facts"] += 1
    views = [(thr, "--thresholds", lambda r: [r.get("u_threshold", 0), r.get("l_threshold", 0)]
              + ([] if rules else [r["active_conns"], r["inactive_conns"]]),
              lambda w: [int(x) for x in w[:2 if rules else 4]]),
             (pc, "--persistent-conn", lambda r: [r["weight"]] + ([] if rules else [
                 r["persistent_conns"], r["active_conns"], r["inactive_conns"]]),
              lambda w: [int(x) for x in w[:1 if rules else 4]]),
             (tun, "--tun-info", lambda r: [r["forward"], r.get("tunnel"), r["weight"]],
              lambda w: [FORWARD_TEXT[w[0]], parse_tunnel_text(w[1]), int(w[2])]),
             (stats, "--stats --exact", lambda r: list(r["stats"].values()),
              lambda w: [int(x) for x in w]),
             (rate, "--rate --exact", lambda r: list(r["rates"].values()),
              lambda w: [int(x) for x in w])]
    for text, view, from_json, from_text in views:
        if text is None:
            continue
        listed = parse_listing(text)
        expect_equal(f"services in order ({view})", [service_id_json(s) for s in services],
                     [sid for sid, _, _ in listed])
        for s, (sid, rest, rss) in zip(services, listed):
            if view in ("--stats --exact", "--rate --exact"):
                key = "stats" if view.startswith("--stats") else "rates"
                expect_equal(f"{sid} {key} ({view})", list(s[key].values()),
                             [int(x) for x in rest])
                expect_equal(f"{sid} {key} keys", list(s[key]),
                             ["conns", "inpkts", "outpkts", "inbytes", "outbytes"]
                             if key == "stats" else ["cps", "inpps", "outpps", "inbps", "outbps"])
            elif view != "--stats --exact":
                expect_equal(f"{sid} settings ({view})", json_settings(s), settings_from_ln(rest))
            got = [(rs_id_json(r), r["family"], from_json(r)) for r in s["real_servers"]]
            want = [(rid, fam, from_text(w)) for rid, fam, w in rss]
            expect_equal(f"{sid} real servers ({view})", got, want)
            counts["facts"] += 1


def rules_of(listdoc):
    """The rules document a list document implies."""
    drop_s = {"stats", "rates"}
    drop_r = {"stats", "rates", "active_conns", "inactive_conns", "persistent_conns"}
    return {"services": [
        {**{k: v for k, v in s.items() if k not in drop_s},
         "real_servers": [{k: v for k, v in r.items() if k not in drop_r}
                          for r in s["real_servers"]]}
        for s in listdoc["services"]]}


# --metrics

FAMILIES = [
    ("node_ipvs_service_connections_total", "counter", "service", ("stats", "conns")),
    ("node_ipvs_service_incoming_packets_total", "counter", "service", ("stats", "inpkts")),
    ("node_ipvs_service_outgoing_packets_total", "counter", "service", ("stats", "outpkts")),
    ("node_ipvs_service_incoming_bytes_total", "counter", "service", ("stats", "inbytes")),
    ("node_ipvs_service_outgoing_bytes_total", "counter", "service", ("stats", "outbytes")),
    ("node_ipvs_backend_connections_active", "gauge", "backend", ("active_conns",)),
    ("node_ipvs_backend_connections_inactive", "gauge", "backend", ("inactive_conns",)),
    ("node_ipvs_backend_connections_persistent", "gauge", "backend", ("persistent_conns",)),
    ("node_ipvs_backend_weight", "gauge", "backend", ("weight",)),
    ("node_ipvs_backend_connections_total", "counter", "backend", ("stats", "conns")),
    ("node_ipvs_backend_incoming_packets_total", "counter", "backend", ("stats", "inpkts")),
    ("node_ipvs_backend_outgoing_packets_total", "counter", "backend", ("stats", "outpkts")),
    ("node_ipvs_backend_incoming_bytes_total", "counter", "backend", ("stats", "inbytes")),
    ("node_ipvs_backend_outgoing_bytes_total", "counter", "backend", ("stats", "outbytes")),
]


def service_labels(s):
    if "fwmark" in s:
        return {"proto": "FWM", "local_mark": f"{s['fwmark']:08X}", "family": s["family"]}
    return {"proto": s["protocol"].upper(), "local_address": s["address"],
            "local_port": str(s["port"])}


def expected_samples(listdoc):
    want = {}
    for name, _, scope, path in FAMILIES:
        for s in listdoc["services"]:
            sl = service_labels(s)
            objs = [(s, sl)] if scope == "service" else [
                (r, {**sl, "remote_address": r["address"], "remote_port": str(r["port"])})
                for r in s["real_servers"]]
            for obj, labels in objs:
                v = obj
                for p in path:
                    v = v[p]
                want[(name, tuple(sorted(labels.items())))] = v
    return want


def parse_metrics(case, label):
    r = case.get(label)
    if r.rc != 0 or r.err:
        raise Fail(f"{r}: exit {r.rc}, stderr {r.err.strip()!r}")
    if not r.eol:
        raise Fail(f"{r}: output does not end in a newline")
    text = r.out
    lines = text.splitlines()
    # Raw form: each family's # HELP, then # TYPE, then its samples, one family after another.
    order = []
    for i, line in enumerate(lines):
        if line.startswith("# HELP "):
            name, help_ = (line[7:].split(" ", 1) + [""])[:2]
            if not help_.strip():
                raise Fail(f"{r}: empty # HELP for {name}")
            if i + 1 >= len(lines) or not lines[i + 1].startswith(f"# TYPE {name} "):
                raise Fail(f"{r}: # HELP {name} not followed by its # TYPE")
            order.append((name, lines[i + 1].split()[3]))
        elif not line.startswith("#"):
            name = re.match(r"[a-zA-Z_:][a-zA-Z0-9_:]*", line).group(0)
            if not order or order[-1][0] != name:
                raise Fail(f"{r}: sample {line!r} is not under its family's # HELP/# TYPE")
    expect_equal(f"{r}: families (name, type), each once", sorted(order),
                 sorted((n, t) for n, t, _, _ in FAMILIES))
    samples = {}
    try:
        families = list(text_string_to_metric_families(text))
    except Exception as e:  # the parser raises ValueError and others
        raise Fail(f"{r}: prometheus_client cannot parse it: {e}") from None
    types = {n: t for n, t, _, _ in FAMILIES}
    for fam in families:
        for smp in fam.samples:
            if smp.name not in types:
                raise Fail(f"{r}: unknown sample name {smp.name}")
            if fam.type != types[smp.name]:
                raise Fail(f"{r}: {smp.name} parsed as {fam.type}")
            if not fam.documentation:
                raise Fail(f"{r}: no HELP for {fam.name}")
            key = (smp.name, tuple(sorted(smp.labels.items())))
            if key in samples:
                raise Fail(f"{r}: duplicate sample {key}")
            if smp.value != int(smp.value):
                raise Fail(f"{r}: {key} is not an integer: {smp.value}")
            samples[key] = int(smp.value)
            m = dict(smp.labels)
            if "local_mark" in m and not re.fullmatch(r"[0-9A-F]{8}", m["local_mark"]):
                raise Fail(f"{r}: local_mark {m['local_mark']!r} is not eight upper-case hex digits")
    counts["metrics"] += 1
    return samples


def compare_metrics(what, samples, listdocs):
    """samples must equal the figures of one of listdocs (the state before or after)."""
    diffs = []
    for doc in listdocs:
        want = expected_samples(doc)
        if samples == want:
            return
        missing = sorted(set(want) - set(samples))
        extra = sorted(set(samples) - set(want))
        wrong = sorted(k for k in set(want) & set(samples) if want[k] != samples[k])
        d = []
        if missing:
            d.append(f"missing {len(missing)} samples, e.g. {missing[0]}")
        if extra:
            d.append(f"{len(extra)} samples the JSON has no figure for, e.g. {extra[0]}")
        if wrong:
            k = wrong[0]
            d.append(f"{len(wrong)} values differ, e.g. {k}: metrics {samples[k]}, JSON {want[k]}")
        diffs.append("; ".join(d))
    raise Fail(f"{what}: " + " / ".join(diffs))


# -c


def parse_conns(text):
    rows = []
    lines = text.splitlines()
    if lines[:1] != ["IPVS connection entries"]:
        raise Fail(f"not a -c listing: {lines[:2]}")
    for line in lines[2:]:
        w = line.split()
        mm, ss = w[1].split(":")
        c = {"protocol": w[0].lower()}
        c["client_address"], _, c["client_port"] = split_hostport(w[3])
        c["virtual_address"], _, c["virtual_port"] = split_hostport(w[4])
        c["real_address"], _, c["real_port"] = split_hostport(w[5])
        c["state"], c["expires"] = w[2], int(mm) * 60 + int(ss)
        if len(w) > 6:
            c["pe"] = w[6]
            # bytes that are not UTF-8 (kept as surrogates) as the JSON writes them: U+FFFD
            c["pe_data"] = (w[7] if len(w) > 7 else "").encode(
                "utf-8", "surrogateescape").decode("utf-8", "replace")
        rows.append(c)
    return rows


def conn_key_order(c):
    return {k: c[k] for k in ("protocol", "client_address", "client_port", "virtual_address",
                              "virtual_port", "real_address", "real_port", "state",
                              "expires", "pe", "pe_data") if k in c}


# ---------------------------------------------------------------------------
# The cases


def one_of(what, got, options):
    if any(got == o for o in options):
        return
    raise Fail(f"{what}: ours {got!r} equals neither reference run: {options!r}")


def check_empty(c):
    d = document(c, "ours.list", "list")
    expect_equal("services", d["services"], [])
    expect_equal("version", d["version"],
                 re.match(r"IP Virtual Server version (\S+) ", ref_text(c, "ref.Ln")).group(1))
    expect_equal("rules", document(c, "ours.rules", "rules"), {"services": []})
    expect_equal("daemons", document(c, "ours.daemon", "daemons"), {"daemons": []})
    expect_equal("reference -L --daemon", ref_text(c, "ref.daemon"), "")
    expect_equal("connections", document(c, "ours.conns", "connections"), {"connections": []})
    compare_metrics("metrics", parse_metrics(c, "ours.metrics"), [d])


def header_facts(doc, ln):
    m = re.match(r"IP Virtual Server version (\S+) \(size=(\d+)\)", ln)
    expect_equal("version", doc["version"], m.group(1))
    expect_equal("conn_table_size", doc["conn_table_size"], int(m.group(2)))


def check_static(c):
    """Each part checked on its own, so one mismatch does not hide the others."""
    ln = ref_text(c, "ref.Ln")
    refs = dict(ln=ln, sn=ref_text(c, "ref.Sn"), thr=ref_text(c, "ref.thr"),
                pc=ref_text(c, "ref.pc"), tun=ref_text(c, "ref.tun"),
                stats=ref_text(c, "ref.stats"), rate=ref_text(c, "ref.rate"))
    base = document(c, "ours.list", "list")
    header_facts(base, ln)

    def views():
        # Every view of -L --json lists the same document; -n changes nothing.
        for label in ("ours.list_n", "ours.list_j", "ours.list_stats", "ours.list_rate",
                      "ours.list_thr", "ours.list_pc", "ours.list_tun", "ours.list_after"):
            expect_equal(f"{label} vs ours.list", document(c, label, "list"), base)
        expect_equal("--pretty vs without", document(c, "ours.pretty", "list", pretty=True),
                     base)

    def rules():
        r = document(c, "ours.rules", "rules")
        expect_equal("-S --json vs -L --json without counters", r, rules_of(base))
        compare_listing(r, sn=refs["sn"], rules=True)
        compare_listing(r, ln=ln, thr=refs["thr"], tun=refs["tun"], rules=True)
        expect_equal("-Sn --json", document(c, "ours.rules_n", "rules"), r)
        expect_equal("-S --json --pretty",
                     document(c, "ours.rules_pretty", "rules", pretty=True), r)

    def timeouts():
        m = re.fullmatch(r"Timeout \(tcp tcpfin udp\): (\d+) (\d+) (\d+)\n",
                         ref_text(c, "ref.timeout"))
        want = {"tcp": int(m.group(1)), "tcp_fin": int(m.group(2)), "udp": int(m.group(3))}
        expect_equal("-L --timeout --json", document(c, "ours.timeout", "timeouts"), want)
        expect_equal("--timeout --pretty", document(c, "ours.timeout_pretty", "timeouts",
                                                    pretty=True), want)

    def setup_facts():
        # Facts the setup fixed, checked directly as well.
        by_id = {service_id_json(s): s for s in base["services"]}
        expect_equal("fwmark 2147483647 scheduler",
                     by_id[("fwmark", 2147483647, "inet")]["scheduler"], "nq")
        expect_equal("[2001:db8::1]:80 persistence",
                     by_id[("tcp", "2001:db8::1", 80, "inet6")]["persistence"],
                     {"timeout": 100, "prefix_length": 64})
        expect_equal("10.0.0.7:80 persistence (default -p)",
                     by_id[("tcp", "10.0.0.7", 80, "inet")]["persistence"],
                     {"timeout": 360, "netmask": "255.255.255.255"})

    check(c, "-L --json vs every -Ln view", compare_listing, base, *[refs[k] for k in (
        "ln", "sn", "thr", "pc", "tun", "stats", "rate")])
    check(c, "views", views)
    check(c, "--nosort", lambda: compare_listing(document(c, "ours.nosort", "list"),
                                                 ln=ref_text(c, "ref.nosort")))
    check(c, "rules", rules)
    check(c, "--metrics", lambda: compare_metrics("-L --metrics",
                                                  parse_metrics(c, "ours.metrics"), [base]))
    check(c, "--timeout", timeouts)
    check(c, "setup facts", setup_facts)
    return base


def check_fwmark_max(c):
    doc = document(c, "ours.list", "list")
    compare_listing(doc, ln=ref_text(c, "ref.Ln"), sn=ref_text(c, "ref.Sn"))
    expect_equal("fwmark", [s.get("fwmark") for s in doc["services"]], [4294967295])
    expect_equal("-L --json -f 4294967295", document(c, "ours.one", "list"), doc)
    rules = document(c, "ours.rules", "rules")
    expect_equal("-S --json", rules, rules_of(doc))
    compare_listing(rules, sn=ref_text(c, "ref.Sn"), rules=True)
    samples = parse_metrics(c, "ours.metrics")
    compare_metrics("--metrics", samples, [doc])
    if not any(dict(k[1]).get("local_mark") == "FFFFFFFF" for k in samples):
        raise Fail("--metrics: no local_mark FFFFFFFF")


def check_one(c, full):
    doc = document(c, "ours.list", "list")
    if len(doc["services"]) != 1:
        raise Fail(f"-L --json with one service lists {len(doc['services'])}")
    sid = service_id_json(doc["services"][0])
    whole = [s for s in full["services"] if service_id_json(s) == sid]
    expect_equal(f"{sid}: the one-service document vs the service in -L --json",
                 doc["services"], whole)
    expect_equal("version/size", (doc["version"], doc["conn_table_size"]),
                 (full["version"], full["conn_table_size"]))
    compare_listing(doc, ln=ref_text(c, "ref.Ln"), tun=ref_text(c, "ref.tun"))
    expect_equal("--pretty", document(c, "ours.pretty", "list", pretty=True), doc)
    compare_metrics("--metrics for one service", parse_metrics(c, "ours.metrics"), [doc])


DAEMON_RE = re.compile(r"(master|backup) sync daemon \(mcast=([^,]+), syncid=(\d+)"
                       r"(?:, maxlen=(\d+))?(?:, group=([^,]+))?(?:, port=(\d+))?"
                       r"(?:, ttl=(\d+))?\)")


def parse_daemons(text):
    out = []
    for line in text.splitlines():
        m = DAEMON_RE.fullmatch(line)
        if not m:
            raise Fail(f"unknown -L --daemon line {line!r}")
        d = {"state": m.group(1), "mcast_interface": m.group(2), "sync_id": int(m.group(3))}
        for i, k in ((4, "sync_maxlen"), (5, "mcast_group"), (6, "mcast_port"), (7, "mcast_ttl")):
            if m.group(i) is not None:
                d[k] = m.group(i) if k == "mcast_group" else int(m.group(i))
        out.append(d)
    return out


def check_daemons(c):
    want = parse_daemons(ref_text(c, "ref.daemon"))
    if not want:
        raise Fail("the reference lists no daemon: the setup failed")
    expect_equal("-L --daemon --json", document(c, "ours.daemon", "daemons"), {"daemons": want})
    if any(r.label == "ours.daemon_pretty" for r in c.runs):
        expect_equal("--pretty", document(c, "ours.daemon_pretty", "daemons", pretty=True),
                     {"daemons": want})


def triple_refs(c, label):
    """{view number: [text before, text after]} of a `triple` in the suite."""
    views = {}
    for r in c.labels(f"ref.{label}.v"):
        m = re.fullmatch(rf"ref\.{re.escape(label)}\.v(\d+)\.([12])", r.label)
        if m:
            if r.rc != 0:
                raise Fail(f"{r}: the reference failed: {r.err.strip()!r}")
            views.setdefault(int(m.group(1)), [None, None])[int(m.group(2)) - 1] = r.out
    return views


def check_counters(c, label, pretty=False):
    doc = document(c, f"ours.{label}", "list", pretty=pretty)
    views = triple_refs(c, label)
    errors = []
    for side in (0, 1):
        try:
            compare_listing(doc, stats=views[1][side], rate=views[2][side],
                            pc=views[3][side] if 3 in views else None)
            return doc
        except Fail as e:
            errors.append(str(e))
    raise Fail(f"equals neither reference run (tries {c.tries.get(label)}): "
               f"before: {errors[0]} / after: {errors[1]}")


def check_traffic_live(c):
    doc = check_counters(c, "counters")
    if len(doc["services"]) != 4:
        raise Fail(f"{len(doc['services'])} services, the setup made 4")
    check_counters(c, "counters_one")


def check_conns(c, label, pretty=False, drop_pe=False):
    doc = document(c, f"ours.{label}", "connections", pretty=pretty)
    views = triple_refs(c, label)
    got = [conn_key_order(x) for x in doc["connections"]]
    if drop_pe:
        got = [{k: v for k, v in x.items() if k not in ("pe", "pe_data")} for x in got]
    before, after = ([conn_key_order(x) for x in parse_conns(t)] for t in views[1])
    if drop_pe:
        before, after = ([{k: v for k, v in x.items() if k not in ("pe", "pe_data")}
                          for x in rows] for rows in (before, after))
    if got in (before, after):
        return doc
    # Each connection has its own timer: row by row, ours must be the row before or after
    # (the same kernel order in all three reads).
    if not len(got) == len(before) == len(after):
        raise Fail(f"{len(got)} connections; the reference lists {len(before)}, {len(after)}")
    for i, (g, b, a) in enumerate(zip(got, before, after)):
        if g != b and g != a:
            raise Fail(f"row {i} differs from the reference's (tries {c.tries.get(label)}): "
                       f"ours {g}, reference {b}" + ("" if a == b else f" then {a}"))
    return doc


def check_traffic(c):
    doc = check_counters(c, "counters")
    check_counters(c, "counters_pretty", pretty=True)
    # The traffic went where the setup sent it: no service is idle.
    for s in doc["services"]:
        if s["stats"]["conns"] == 0:
            raise Fail(f"{service_id_json(s)} counted no connection: the traffic failed")
    views = triple_refs(c, "rules")
    rules = document(c, "ours.rules", "rules")
    compare_listing(rules, sn=views[1][0], rules=True)
    expect_equal("-S --json vs -L --json", rules, rules_of(doc))
    conns = check_conns(c, "conns")
    pe_doc = check_conns(c, "conns_pe")
    # Each is checked against its own reference runs (timers move between them); here
    # the rows less their timers must be the same rows.
    def untimed(doc):
        return [{k: v for k, v in x.items() if k != "expires"} for x in doc["connections"]]
    expect_equal("-L -c --json vs -Ln -c --json", untimed(check_conns(c, "conns_n")),
                 untimed(conns))
    expect_equal("-L -c --json --pretty vs without",
                 untimed(check_conns(c, "conns_pretty", pretty=True)), untimed(conns))
    check_conns(c, "conns_plain", drop_pe=True)
    if not any("pe" in x for x in pe_doc["connections"]):
        raise Fail("-L -c --json --persistent-conn: no connection with pe data (sip templates)")
    if not any(x.get("pe_data") == 'q"uo\\te@lab.test' for x in pe_doc["connections"]):
        raise Fail("-L -c --json: no pe_data 'q\"uo\\\\te@lab.test' (the Call-ID with a quote and "
                   "a backslash): " + repr([x.get("pe_data") for x in pe_doc["connections"]]))
    if not any(x.get("pe_data") == "caf\ufffd@lab.test" for x in pe_doc["connections"]):
        raise Fail("-L -c --json: no pe_data 'caf\\ufffd@lab.test' (the Call-ID with byte 0xe9): "
                   + repr([x.get("pe_data") for x in pe_doc["connections"]]))
    if not any(x["client_port"] == 0 and x["protocol"] == "tcp" for x in conns["connections"]):
        raise Fail("-L -c --json: no template of the persistent TCP service")
    before = document(c, "ours.json_before", "list")
    after = document(c, "ours.json_after", "list")
    compare_metrics("-L --metrics between two -L --json", parse_metrics(c, "ours.metrics"),
                    [before, after])
    one = document(c, "ours.json_one", "list")
    compare_metrics("-L --metrics -t 10.0.0.1:81", parse_metrics(c, "ours.metrics_one"), [one])


def check_all(cases, setups, done):
    for s in setups:
        if not re.fullmatch(r"SETUP \S+ rc=0", s):
            failures.append(f"setup: {s}")
    if not done:
        failures.append("the suite did not reach its end (@@@ DONE missing)")
    wanted = ["empty", "static", "fwmark_max", "daemons", "daemon_master", "daemon_backup_lo",
              "traffic_live", "traffic"] + [f"one{i}" for i in range(1, 10)]
    for name in wanted:
        if name not in cases:
            failures.append(f"{name}: case missing from the transcript")
    full = {}

    def static(c):
        full["doc"] = check_static(c)

    plan = [("empty", check_empty), ("static", static),
            ("fwmark_max", check_fwmark_max), ("daemons", check_daemons), ("daemon_master", check_daemons),
            ("daemon_backup_lo", check_daemons), ("traffic_live", check_traffic_live),
            ("traffic", check_traffic)]
    for name, fn in plan:
        if name in cases:
            check(cases[name], "checks", fn, cases[name])
    for i in range(1, 10):
        name = f"one{i}"
        if name in cases and "doc" in full:
            check(cases[name], "checks", check_one, cases[name], full["doc"])
    # Every run of ours exited 0 with an empty stderr.
    for c in cases.values():
        for r in c.runs:
            if r.label.startswith("ours.") and (r.rc != 0 or r.err):
                failures.append(f"{c.name}: {r}: exit {r.rc}, stderr {r.err.strip()!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ours", help="our ipvsadm: run the lab with it")
    ap.add_argument("--transcript", help="read this saved transcript instead of running the lab")
    ap.add_argument("--save", help="write the lab's transcript here")
    ap.add_argument("--lab", default=str(ROOT / "scripts" / "lab" / "run"))
    ap.add_argument("--timeout", type=int, default=600, help="the lab's time-out in seconds")
    a = ap.parse_args()
    if a.transcript:
        text = pathlib.Path(a.transcript).read_bytes().decode("utf-8", "surrogateescape")
    elif a.ours:
        cmd = [a.lab, "--ours", a.ours, "--suite", str(ROOT / "tests" / "vm" / "json-suite"),
               "--data", str(ROOT / "tests" / "vm"), "--timeout", str(a.timeout)]
        p = subprocess.run(cmd, stdout=subprocess.PIPE)
        text = p.stdout.decode("utf-8", "surrogateescape")
        if a.save:
            pathlib.Path(a.save).write_bytes(p.stdout)
        if p.returncode != 0:
            print(f"FAIL lab: {' '.join(cmd)} exited {p.returncode}")
            print(text[-3000:])
            return 2
    else:
        ap.error("give --ours PATH or --transcript FILE")
    try:
        cases, setups, done = parse_transcript(text)
    except Fail as e:
        print(f"FAIL transcript: {e}")
        return 2
    check_all(cases, setups, done)
    for f in failures:
        print("FAIL", f)
    print(f"vm_json: {len(cases)} cases, {counts['documents']} JSON documents valid, "
          f"{counts['metrics']} metrics outputs parsed, {counts['facts']} service comparisons, "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
