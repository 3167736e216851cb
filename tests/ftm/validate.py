#!/usr/bin/env python3
"""Validates a FollowTheMoney export (line-delimited JSON entities) with the
`followthemoney` package itself, so the file loads in Aleph, ftm and
OpenSanctions' tools.

Usage:  validate.py FILE.ftm.json        (exit 0: valid; 1: problems, listed)
        validate.py --self-test          (checks that broken entities are caught)

Every line must be one entity {"id", "schema", "properties"} that
followthemoney 4.11 builds (`model.get_proxy(data, cleaned=False)`), with a
known, non-abstract schema, only properties of that schema, every value a
string that the property's type accepts (dates, URLs, …), and every entity
reference resolving to an entity in the same file whose schema fits the
property's range (e.g. `proof` → a Document).

Set up once (a per-user venv; nothing is installed system-wide):
    python3 -m venv ~/.cache/who-backs-whom/tools/ftm-venv-4.11
    ~/.cache/who-backs-whom/tools/ftm-venv-4.11/bin/pip install 'followthemoney==4.11.2'
"""

import json
import sys

from followthemoney import model
from followthemoney.types import registry


def entity_problems(number, data):
    """Problems of one parsed line, and the entity references it makes."""
    where = f"line {number}"
    if not isinstance(data, dict) or set(data) - {"id", "schema", "properties"}:
        return [f"{where}: not an object with only id, schema and properties"], []
    entity_id, schema_name = data.get("id"), data.get("schema")
    if not isinstance(entity_id, str) or not entity_id:
        return [f"{where}: missing or empty id"], []
    where = f"line {number} ({entity_id})"
    schema = model.get(schema_name) if isinstance(schema_name, str) else None
    if schema is None:
        return [f"{where}: unknown schema {schema_name!r}"], []
    if schema.abstract:
        return [f"{where}: schema {schema_name} is abstract"], []
    properties = data.get("properties")
    if not isinstance(properties, dict):
        return [f"{where}: properties is not an object"], []
    problems, references = [], []
    for name, values in properties.items():
        prop = schema.get(name)
        if prop is None:
            problems.append(f"{where}: {schema_name} has no property {name!r}")
            continue
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            problems.append(f"{where}: {name} is not a list of strings")
            continue
        for value in values:
            if not prop.type.validate(value):
                problems.append(f"{where}: {name} = {value!r} is not a valid {prop.type.name}")
            if prop.type == registry.entity:
                references.append((where, prop, value))
    if not problems:
        try:
            model.get_proxy(data, cleaned=False)
        except Exception as error:  # followthemoney's own refusal, verbatim
            problems.append(f"{where}: followthemoney rejects it: {error}")
    return problems, references


def validate_lines(lines):
    """All problems of a whole export, as messages."""
    problems, references, schemata = [], [], {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"line {number}: not JSON: {error}")
            continue
        found, refs = entity_problems(number, data)
        problems += found
        references += refs
        if not found:
            if data["id"] in schemata:
                problems.append(f"line {number}: duplicate id {data['id']}")
            schemata[data["id"]] = model.get(data["schema"])
    for where, prop, target in references:
        schema = schemata.get(target)
        if schema is None:
            problems.append(f"{where}: {prop.name} refers to {target!r}, which is not in the file")
        elif prop.range is not None and not schema.is_a(prop.range):
            problems.append(
                f"{where}: {prop.name} needs a {prop.range.name}, but {target} is a {schema.name}")
    if not schemata and not problems:
        problems.append("the file has no entities")
    return problems


def self_test():
    """The checks above catch each kind of broken entity (so a pass means something)."""
    good = [
        {"id": "d", "schema": "Document", "properties": {"title": ["T"]}},
        {"id": "p", "schema": "Person", "properties": {"name": ["P"]}},
        {"id": "l", "schema": "UnknownLink",
         "properties": {"subject": ["p"], "object": ["p"], "proof": ["d"], "date": ["2025-03"]}},
    ]
    broken = {
        "unknown schema": {"id": "x", "schema": "Persn", "properties": {}},
        "no property": {"id": "x", "schema": "Person", "properties": {"nmae": ["P"]}},
        "refers to": {"id": "x", "schema": "UnknownLink", "properties": {"subject": ["nobody"]}},
        "needs a Document": {"id": "x", "schema": "UnknownLink", "properties": {"proof": ["p"]}},
        "not a valid date": {"id": "x", "schema": "UnknownLink", "properties": {"date": ["March"]}},
        "not a list of strings": {"id": "x", "schema": "Person", "properties": {"name": "P"}},
        "duplicate id": {"id": "p", "schema": "Person", "properties": {"name": ["Q"]}},
    }
    lines = [json.dumps(e) for e in good]
    assert validate_lines(lines) == [], validate_lines(lines)
    for expected, entity in broken.items():
        problems = validate_lines(lines + [json.dumps(entity)])
        assert any(expected in p for p in problems), (expected, problems)
    print("ftm validate: self-test passed (each kind of broken entity is caught)")


def main(argv):
    if argv[1:] == ["--self-test"]:
        self_test()
        return 0
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as file:
        lines = file.read().split("\n")
    problems = validate_lines(lines)
    for problem in problems:
        print(f"{argv[1]}: {problem}", file=sys.stderr)
    if problems:
        print(f"ftm validate: {len(problems)} problem(s); the export is not valid FollowTheMoney",
              file=sys.stderr)
        return 1
    count = sum(1 for line in lines if line.strip())
    print(f"ftm validate: {argv[1]}: {count} entities, all valid for followthemoney 4.11")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
