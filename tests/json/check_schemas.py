#!/usr/bin/python3
"""json_schema_examples: the schemas of schema/ against documents, without the lab.

- every golden document tests/json/golden/DOC[-what].json is valid against DOC's schema;
- every ```json block of docs/output-formats.md that is JSON as it stands is valid
  against the schema its keys name (the others hold placeholders such as SERVICE...);
- mutations of each golden document are rejected: an extra key in every object,
  a wrong type for every scalar, and the listed facts the spec rules out.
Exit 0 when all hold; else one line per failure and exit 1.
Run with /usr/bin/python3 (Debian's python3-jsonschema).
"""
import copy
import json
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import schemas  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
failures = []
checked = 0


def expect(doc_name, doc, valid, what):
    global checked
    checked += 1
    errs = schemas.errors(V[doc_name], doc)
    if valid and errs:
        failures.append(f"{what}: rejected by {doc_name}.schema.json: {errs[0]}")
    elif not valid and not errs:
        failures.append(f"{what}: accepted by {doc_name}.schema.json, but must be rejected")


def objects(node, path=()):
    """(path, dict) for every object in a document."""
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            yield from objects(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from objects(v, path + (i,))


def scalars(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from scalars(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from scalars(v, path + (i,))
    else:
        yield path, node


def at(doc, path):
    for p in path:
        doc = doc[p]
    return doc


def wrong_type(v):
    if isinstance(v, bool):
        return "true"
    if isinstance(v, int):
        return str(v)
    return 1


def shape(path, value=None):
    """A path with its list indices dropped (and the value's kind): one mutation per shape."""
    return (tuple(p for p in path if not isinstance(p, int)), type(value).__name__)


def first_of_each_shape(items):
    seen = set()
    for path, v in items:
        key = shape(path, v if not isinstance(v, dict) else None)
        if key not in seen:
            seen.add(key)
            yield path, v


def mutate(doc_name, doc, name):
    for path, obj in list(first_of_each_shape(objects(doc))):
        d = copy.deepcopy(doc)
        at(d, path)["unexpected_key"] = 1
        expect(doc_name, d, False, f"{name}: extra key at /{'/'.join(map(str, path))}")
    for path, v in list(first_of_each_shape(scalars(doc))):
        d = copy.deepcopy(doc)
        at(d, path[:-1])[path[-1]] = wrong_type(v)
        expect(doc_name, d, False, f"{name}: wrong type at /{'/'.join(map(str, path))}")


# Facts the spec rules out, each applied to the first place it fits: (document, what,
# a function that changes a copy and returns True when it found a place).
def first_service(pred):
    def find(d):
        for s in d.get("services", []):
            if pred(s):
                return s
        return None
    return find


def first_rs(pred):
    def find(d):
        for s in d.get("services", []):
            for r in s["real_servers"]:
                if pred(r):
                    return r
        return None
    return find


def change(find, fn):
    def apply(d):
        x = find(d)
        if x is None:
            return False
        fn(x)
        return True
    return apply


def setk(k, v):
    return lambda x: x.__setitem__(k, v)


def delk(k):
    return lambda x: x.pop(k)


any_svc = first_service(lambda s: True)
vip_svc = first_service(lambda s: "fwmark" not in s)
fwm_svc = first_service(lambda s: "fwmark" in s)
v4_svc = first_service(lambda s: s["family"] == "inet" and "address" in s)
v6_svc = first_service(lambda s: s["family"] == "inet6" and "address" in s)
pers_v4 = first_service(lambda s: s["family"] == "inet" and "persistence" in s)
pers_v6 = first_service(lambda s: s["family"] == "inet6" and "persistence" in s)
any_rs = first_rs(lambda r: True)
tun_rs = first_rs(lambda r: r["forward"] == "tunnel")
gue_rs = first_rs(lambda r: r.get("tunnel", {}).get("type") == "gue")
nontun_rs = first_rs(lambda r: r["forward"] != "tunnel")
v4_rs = first_rs(lambda r: r["family"] == "inet")
has_stats = first_service(lambda s: "stats" in s)

SERVICE_DOCS = ("list", "rules")
NEGATIVE = [
    ("protocol icmp", vip_svc, setk("protocol", "icmp")),
    ("protocol upper case", vip_svc, setk("protocol", "TCP")),
    ("family ipv4", any_svc, setk("family", "ipv4")),
    ("port 65536", vip_svc, setk("port", 65536)),
    ("port -1", vip_svc, setk("port", -1)),
    ("fwmark 0", fwm_svc, setk("fwmark", 0)),
    ("fwmark 2^32", fwm_svc, setk("fwmark", 4294967296)),
    ("fwmark with a protocol", fwm_svc, setk("protocol", "tcp")),
    ("fwmark with an address", fwm_svc, setk("address", "10.0.0.1")),
    ("no fwmark and no address", vip_svc, delk("address")),
    ("no protocol", vip_svc, delk("protocol")),
    ("no family", any_svc, delk("family")),
    ("no scheduler", any_svc, delk("scheduler")),
    ("no sched_flags", any_svc, delk("sched_flags")),
    ("no one_packet", any_svc, delk("one_packet")),
    ("no real_servers", any_svc, delk("real_servers")),
    ("sched flag unknown", any_svc, setk("sched_flags", ["flag-4"])),
    ("sched flags as a string", any_svc, setk("sched_flags", "flag-1")),
    ("one_packet 0", any_svc, setk("one_packet", 0)),
    ("pe null", any_svc, setk("pe", None)),
    ("IPv6 address on an inet service", v4_svc, setk("address", "2001:db8::1")),
    ("IPv4 address on an inet6 service", v6_svc, setk("address", "10.0.0.1")),
    ("address as a name", v4_svc, setk("address", "vip1.test")),
    ("persistence without timeout", pers_v4, lambda s: s["persistence"].pop("timeout")),
    ("prefix_length on an inet service", pers_v4,
     lambda s: s["persistence"].update(prefix_length=24)),
    ("netmask on an inet6 service", pers_v6,
     lambda s: (s["persistence"].pop("prefix_length", None),
                s["persistence"].update(netmask="255.255.255.0"))),
    ("inet persistence without netmask", pers_v4, lambda s: s["persistence"].pop("netmask")),
    ("inet6 persistence without prefix_length", pers_v6,
     lambda s: s["persistence"].pop("prefix_length")),
    ("prefix_length 129", pers_v6, lambda s: s["persistence"].update(prefix_length=129)),
    ("forward nat", any_rs, setk("forward", "nat")),
    ("no weight", any_rs, delk("weight")),
    ("weight -1", any_rs, setk("weight", -1)),
    ("u_threshold 0 (absent when 0)", any_rs, setk("u_threshold", 0)),
    ("tunnel without type", tun_rs, lambda r: r["tunnel"].pop("type")),
    ("tunnel type vxlan", tun_rs, lambda r: r["tunnel"].update(type="vxlan")),
    ("tunnel on masq", nontun_rs, setk("tunnel", {"type": "ipip"})),
    ("tunnel forward without tunnel", tun_rs, delk("tunnel")),
    ("gue without port", gue_rs, lambda r: r["tunnel"].pop("port")),
    ("gue flag nocsum", gue_rs, lambda r: r["tunnel"].update(flags=["nocsum"])),
    ("IPv6 address on an inet real server", v4_rs, setk("address", "2001:db8::2")),
]
LIST_ONLY = [
    ("stats without outbytes", has_stats, lambda s: s["stats"].pop("outbytes")),
    ("counter 2^64", has_stats, lambda s: s["stats"].update(conns=18446744073709551616)),
    ("counter -1", has_stats, lambda s: s["stats"].update(inpkts=-1)),
    ("counter as float", has_stats, lambda s: s["stats"].update(inpkts=1.5)),
    ("rates without cps", has_stats, lambda s: s["rates"].pop("cps")),
    ("no active_conns", any_rs, delk("active_conns")),
    ("no rates on a real server", any_rs, delk("rates")),
]
RULES_ONLY = [
    ("stats in rules", any_svc, setk("stats", {"conns": 0, "inpkts": 0, "outpkts": 0,
                                               "inbytes": 0, "outbytes": 0})),
    ("active_conns in rules", any_rs, setk("active_conns", 0)),
]
OTHER = {
    "list": [("no version", lambda d: d.pop("version")),
             ("version null", lambda d: d.update(version=None)),
             ("no conn_table_size", lambda d: d.pop("conn_table_size"))],
    "rules": [("version in rules", lambda d: d.update(version="1.2.1"))],
    "connections": [
        ("no expires", lambda d: d["connections"][0].pop("expires")),
        ("expires -1", lambda d: d["connections"][0].update(expires=-1)),
        ("pe without pe_data", lambda d: d["connections"][0].update(pe="sip")),
        ("client_port 70000", lambda d: d["connections"][0].update(client_port=70000)),
        ("protocol upper case", lambda d: d["connections"][0].update(protocol="TCP"))],
    "timeouts": [("no udp", lambda d: d.pop("udp")),
                 ("tcp -1", lambda d: d.update(tcp=-1)),
                 ("tcp 2^32", lambda d: d.update(tcp=4294967296))],
    "daemons": [("state primary", lambda d: d["daemons"][0].update(state="primary")),
                ("no sync_id", lambda d: d["daemons"][0].pop("sync_id")),
                ("no mcast_interface", lambda d: d["daemons"][0].pop("mcast_interface")),
                ("mcast_ttl 256", lambda d: d["daemons"][0].update(mcast_ttl=256)),
                ("mcast_port 65536", lambda d: d["daemons"][0].update(mcast_port=65536)),
                ("mcast_group a name", lambda d: d["daemons"][0].update(mcast_group="x.test")),
                ("three daemons", lambda d: bool(d["daemons"]) and
                 d["daemons"].extend(d["daemons"][:1] * 2))],
}


def negatives(doc_name, doc, name):
    cases = []
    if doc_name in SERVICE_DOCS:
        cases = NEGATIVE + (LIST_ONLY if doc_name == "list" else RULES_ONLY)
        cases = [(w, change(f, fn)) for w, f, fn in cases]
    cases += OTHER.get(doc_name, [])
    for what, fn in cases:
        d = copy.deepcopy(doc)
        try:
            found = fn(d)
        except (IndexError, KeyError):
            found = False
        if found is False:
            continue
        expect(doc_name, d, False, f"{name}: {what}")


def doc_of(obj):
    keys = set(obj)
    if "conn_table_size" in keys:
        return "list"
    for k in ("services", "connections", "daemons"):
        if k in keys:
            return "rules" if k == "services" else k
    if "tcp_fin" in keys:
        return "timeouts"
    return None


V = schemas.load()


def main():
    goldens = sorted((HERE / "golden").glob("*.json"))
    if not goldens:
        failures.append("no golden documents under tests/json/golden")
    seen = set()
    for path in goldens:
        doc_name = path.stem.split("-")[0]
        if doc_name not in V:
            failures.append(f"{path.name}: no schema for document '{doc_name}'")
            continue
        seen.add(doc_name)
        doc = json.loads(path.read_text())
        expect(doc_name, doc, True, f"golden/{path.name}")
        mutate(doc_name, doc, f"golden/{path.name}")
        negatives(doc_name, doc, f"golden/{path.name}")
    for missing in sorted(set(V) - seen):
        failures.append(f"no golden document for '{missing}'")
    spec = (schemas.ROOT / "docs" / "output-formats.md").read_text()
    blocks = re.findall(r"```json\n(.*?)```", spec, re.S)
    blocks += re.findall(r"`(\{[^`]*\})`", spec)
    n_examples = 0
    for text in blocks:
        try:
            doc = json.loads(text)
        except ValueError:
            continue  # a sketch with placeholders
        name = doc_of(doc)
        if name is None:
            continue
        n_examples += 1
        expect(name, doc, True, f"docs/output-formats.md example {text.strip()[:40]!r}")
    if n_examples < 2:
        failures.append(f"docs/output-formats.md: only {n_examples} JSON examples found")
    for f in failures:
        print("FAIL", f)
    print(f"json_schema_examples: {checked} checks, {len(failures)} failed "
          f"({len(goldens)} golden documents, {n_examples} examples from the spec)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
