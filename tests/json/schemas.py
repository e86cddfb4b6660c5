"""The JSON Schemas of schema/ loaded for jsonschema (Debian's python3-jsonschema 4.x).

load() -> {document name: validator}, the $refs between the files resolved from the
files themselves (each schema's $id), never over the network.
"""
import json
import pathlib
import warnings

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "schema"
DOCUMENTS = ("list", "rules", "connections", "timeouts", "daemons")


def load(schema_dir=SCHEMA_DIR):
    schemas = {}
    for path in sorted(pathlib.Path(schema_dir).glob("*.schema.json")):
        with open(path, encoding="utf-8") as f:
            schemas[path.name.split(".")[0]] = json.load(f)
    store = {s["$id"]: s for s in schemas.values()}
    cls = jsonschema.Draft202012Validator
    validators = {}
    for name in DOCUMENTS:
        schema = schemas[name]
        cls.check_schema(schema)
        validators[name] = _validator(cls, schema, store)
    cls.check_schema(schemas["common"])
    return validators


def errors(validator, doc):
    """Every violation as 'path: message', deepest first; [] when the document is valid."""
    out = []
    for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in e.absolute_path) or "(root)"
        out.append(f"{where}: {e.message}")
    return out


def _validator(cls, schema, store):
    try:  # jsonschema >= 4.18: the referencing library
        import referencing
        import referencing.jsonschema
        registry = referencing.Registry().with_resources(
            (uri, referencing.jsonschema.DRAFT202012.create_resource(s))
            for uri, s in store.items())
        return cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)
    except ImportError:  # Debian 12's 4.10: RefResolver with a store
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            resolver = jsonschema.RefResolver(schema["$id"], schema, store=store)
        return cls(schema, resolver=resolver, format_checker=cls.FORMAT_CHECKER)
