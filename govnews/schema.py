"""JSON Schema documents in ``govnews/schemas/`` and the Arrow schemas derived from them.

The JSON Schema is the single source of truth: validation checks items against
it, and the Parquet files get the Arrow schema this module derives from it, so
the two cannot drift apart. Fields marked ``"x-partition": true`` are hive
partition keys: they live in the directory names, not inside the files.

The documents are package data, read through ``importlib.resources`` so that
an installed wheel finds them wherever it is installed (or zipped).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

import jsonschema_rs
import pyarrow as pa
from jsonschema import Draft202012Validator

SCHEMA_DIR: Traversable = files("govnews") / "schemas"
TIMESTAMP = pa.timestamp("us", tz="UTC")


@dataclass(frozen=True)
class DatasetSchema:
    """A JSON Schema document with its validators and derived Arrow schema.

    ``fast`` (jsonschema-rs, compiled once) answers "valid or not" for every
    item; ``validator`` (jsonschema) explains only the invalid ones, whose
    errors the quarantine keeps in the form it always has.
    """

    name: str
    document: Mapping[str, Any]
    validator: Draft202012Validator
    fast: jsonschema_rs.Draft202012Validator
    arrow: pa.Schema
    partition_fields: tuple[str, ...]
    timestamp_fields: frozenset[str]

    @property
    def version(self) -> int:
        return int(self.document.get("x-version", 1))


@cache
def load_schema(name: str, schema_dir: Traversable = SCHEMA_DIR) -> DatasetSchema:
    """Load ``<schema_dir>/<name>.schema.json`` once, check it, and derive the rest.

    >>> load_schema("article").partition_fields
    ('site',)
    """
    document = json.loads((schema_dir / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(document)
    validator = Draft202012Validator(document, format_checker=Draft202012Validator.FORMAT_CHECKER)
    partitions = tuple(k for k, v in document["properties"].items() if v.get("x-partition"))
    timestamps = frozenset(
        k for k, v in document["properties"].items() if v.get("format") == "date-time"
    )
    return DatasetSchema(
        name=name,
        document=document,
        validator=validator,
        fast=jsonschema_rs.Draft202012Validator(document, validate_formats=True),
        arrow=arrow_schema(document),
        partition_fields=partitions,
        timestamp_fields=timestamps,
    )


def arrow_schema(document: Mapping[str, Any]) -> pa.Schema:
    """The Arrow schema of the files: every non-partition property, in order.

    >>> s = arrow_schema({"type": "object", "required": ["a"], "properties": {
    ...     "a": {"type": "string", "format": "date-time"},
    ...     "b": {"type": ["array"], "items": {"type": "string"}},
    ...     "p": {"type": "string", "x-partition": True}}})
    >>> s.field("a").type, s.field("a").nullable, str(s.field("b").type), s.names
    (TimestampType(timestamp[us, tz=UTC]), False, 'list<item: string>', ['a', 'b'])
    """
    required = set(document.get("required", ()))
    fields = [
        _arrow_field(name, spec, name in required)
        for name, spec in document["properties"].items()
        if not spec.get("x-partition")
    ]
    return pa.schema(fields, metadata={"govnews_schema": document.get("$id", "")})


def _types(spec: Mapping[str, Any]) -> list[str]:
    kind = spec.get("type")
    if kind is None and "const" in spec:
        kind = type(spec["const"]).__name__.replace("str", "string")
    return list(kind) if isinstance(kind, list) else [kind]


def _arrow_field(name: str, spec: Mapping[str, Any], required: bool) -> pa.Field:
    types = _types(spec)
    nullable = "null" in types or not required
    return pa.field(name, _arrow_type(spec, [t for t in types if t != "null"]), nullable=nullable)


def _arrow_type(spec: Mapping[str, Any], types: list[str]) -> pa.DataType:
    if len(types) != 1:
        raise ValueError(f"cannot derive an Arrow type from JSON Schema types {types!r}")
    kind = types[0]
    if kind == "string":
        return TIMESTAMP if spec.get("format") == "date-time" else pa.string()
    if kind == "integer":
        return pa.int64()
    if kind == "number":
        return pa.float64()
    if kind == "boolean":
        return pa.bool_()
    if kind == "array":
        items = spec["items"]
        item_types = [t for t in _types(items) if t != "null"]
        return pa.list_(pa.field("item", _arrow_type(items, item_types)))
    if kind == "object":
        return pa.struct(
            [
                _arrow_field(k, v, k in set(spec.get("required", ())))
                for k, v in spec["properties"].items()
            ]
        )
    raise ValueError(f"cannot derive an Arrow type from JSON Schema type {kind!r}")


_SCALARS = frozenset((str, int, float, bool))


def to_json_value(value: Any) -> Any:
    """An item value as JSON Schema sees it: datetimes become RFC 3339 strings.

    >>> to_json_value({"a": [datetime(2021, 2, 25, tzinfo=timezone.utc)], "b": "x"})
    {'a': ['2021-02-25T00:00:00+00:00'], 'b': 'x'}
    """
    if value is None or type(value) in _SCALARS:
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: to_json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json_value(v) for v in value]
    return value


def to_arrow_row(record: Mapping[str, Any], schema: DatasetSchema) -> dict[str, Any]:
    """A validated record as a row for ``pa.Table.from_pylist`` (partition keys left out)."""
    row: dict[str, Any] = {}
    for name in schema.arrow.names:
        value = record.get(name)
        if name in schema.timestamp_fields and isinstance(value, str):
            value = datetime.fromisoformat(value).astimezone(timezone.utc)
        row[name] = value
    return row
