"""The Arrow schema of the files is derived from the JSON Schema; keep them in step."""

from __future__ import annotations

import json

import pyarrow as pa

from govnews.items import DATASETS
from govnews.schema import SCHEMA_DIR, TIMESTAMP, load_schema


def test_every_json_schema_property_has_its_arrow_column() -> None:
    for item_class in DATASETS:
        schema = load_schema(item_class.schema)
        document = json.loads((SCHEMA_DIR / f"{item_class.schema}.schema.json").read_text())
        properties = document["properties"]
        partition = [k for k, v in properties.items() if v.get("x-partition")]
        assert schema.arrow.names == [k for k in properties if k not in partition]
        for name in schema.arrow.names:
            spec = properties[name]
            field = schema.arrow.field(name)
            kinds = spec["type"] if isinstance(spec.get("type"), list) else [spec.get("type")]
            if spec.get("format") == "date-time":
                assert field.type == TIMESTAMP, name
            elif "array" in kinds:
                assert pa.types.is_list(field.type), name
            elif "integer" in kinds:
                assert field.type == pa.int64(), name
            nullable = "null" in kinds or name not in document["required"]
            assert field.nullable == nullable, name


def test_article_arrow_types_that_readers_rely_on() -> None:
    arrow = load_schema("article").arrow
    assert arrow.field("date_published").type == pa.timestamp("us", tz="UTC")
    assert arrow.field("date_downloaded").type == pa.timestamp("us", tz="UTC")
    assert arrow.field("tags").type == pa.list_(pa.string())
    assert arrow.field("paragraphs").type == pa.list_(pa.string())
    quality = arrow.field("quality").type
    assert pa.types.is_struct(quality)
    fixes = quality.field("fixes").type
    assert pa.types.is_list(fixes)
    assert [f.name for f in fixes.value_type] == ["field", "rule", "before", "after"]
    assert quality.field("warnings").type == pa.list_(pa.string())
    assert "site" not in arrow.names  # a partition key, in the directory names


def test_article_partition_keys() -> None:
    assert load_schema("article").partition_fields == ("site",)
    assert load_schema("popular").partition_fields == ("site",)
