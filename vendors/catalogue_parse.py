"""Parse a vendor catalogue's YAML data into a :class:`Catalogue`: its vendors and their parts.

Pure Python (no Django): :func:`parse_catalogue` takes the data PyYAML built and returns
either a :class:`Catalogue` or every problem at once, each with its path in the file (see
:mod:`vendors.catalogue_checker`). Figures are read as exact decimals (a YAML float is
converted through its text, which is exact for the short figures a catalogue holds).

Completeness: the file declares ``vendor_count``, the number of vendors it lists. A file cut
short after a complete vendor is still valid YAML and a valid catalogue; the count refuses it.
The count is a check on the file, not content: it is left out of the content hash, so
declaring it did not change the hash of a version already loaded.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from .catalogue_checker import Checker, Message, field_path, gettext_noop

FORMAT_VERSION = 1
MAX_VERSION = 999_999
MAX_VENDORS = 10_000
# Integers of more bits than this cannot be turned into text (Python's 4300-digit limit).
MAX_INT_BITS = 10_000
# Fields that check the file rather than describe the market: not part of the content hash.
CHECK_FIELDS = ("vendor_count",)
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

VENDOR_KINDS = ("infrastructure", "public_cloud", "telecom", "integrator")
DEPLOYMENT_MODELS = ("private", "dedicated", "public", "hybrid")
CREDENTIAL_KINDS = (
    "mlps",
    "cac_cloud_assessment",
    "trusted_cloud",
    "iso27001",
    "iso27017",
    "iso27018",
    "csa_star",
    "ccrc",
    "iso9001",
    "other",
)
# Levels the shipped kinds may carry: 等保 1–5 (GB/T 22239), CCRC service levels 1–3.
LEVEL_RANGE = {"mlps": (1, 5), "ccrc": (1, 3), "other": (1, 5)}


@dataclass(frozen=True)
class Source:
    file: str
    section: str
    secondary: bool


@dataclass(frozen=True)
class Item:
    """One fact of a vendor (or of the market): model fields plus provenance."""

    key: str | None
    fields: dict[str, Any]
    source: Source


@dataclass(frozen=True)
class VendorEntry:
    key: str
    name: str
    kind: str
    summary: str
    source: Source
    deployments: tuple[Item, ...] = ()
    regions: tuple[Item, ...] = ()
    references: tuple[Item, ...] = ()
    credentials: tuple[Item, ...] = ()
    market_facts: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    slug: str
    version: int
    title: str
    content_hash: str
    vendors: tuple[VendorEntry, ...]
    market_facts: tuple[Item, ...] = ()


def content_hash(data: Any) -> str:
    """SHA-256 of the parsed data in canonical JSON: comments, layout and the check fields
    (``vendor_count``) do not count."""
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if k not in CHECK_FIELDS}
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _too_long_integers(data: Any) -> list[tuple[str, str]]:
    """Integers too long to be turned into text (a 0x... literal of thousands of digits is
    built without complaint, and fails later in str())."""
    errors = []
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if _too_long(key):
                    errors.append((path, Message(gettext_noop("the number is too long"))))
                else:
                    stack.append((field_path(path, key), item))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", v) for i, v in enumerate(value))
        elif _too_long(value):
            errors.append((path, Message(gettext_noop("the number is too long"))))
    return errors


def _too_long(value: Any) -> bool:
    return isinstance(value, int) and abs(value).bit_length() > MAX_INT_BITS


def parse_catalogue(data: Any) -> tuple[Catalogue | None, list[tuple[str, str]]]:
    c = Checker()
    top = c.mapping(data, "")
    if top is None:
        return None, c.errors
    too_long = _too_long_integers(top)
    if too_long:
        return None, too_long
    c.unknown(top, {"format", "slug", "version", "title", "sources", "market_facts", "vendors",
                    "vendor_count"}, "")
    format_ = top.get("format")
    if isinstance(format_, bool) or format_ != FORMAT_VERSION:
        c.error("format", gettext_noop("must be %(format)s"), format=FORMAT_VERSION)
    slug = c.text(top, "slug", "")
    if slug and not SLUG_RE.match(slug):
        c.error("slug", gettext_noop("use lower-case letters, digits and hyphens"))
    version = top.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= MAX_VERSION:
        c.error("version", gettext_noop("must be a whole number from 1 to %(max)s"), max=MAX_VERSION)
        version = None
    title = c.text(top, "title", "")
    sources = _sources(c, top.get("sources"))
    facts = tuple(_items(c, top, "market_facts", "", sources, _fact_fields))
    vendors: list[VendorEntry] = []
    raw_vendors = top.get("vendors")
    if not isinstance(raw_vendors, list) or not raw_vendors:
        c.error("vendors", gettext_noop("must be a non-empty list"))
        raw_vendors = []
    elif "vendor_count" not in top:
        c.error("vendor_count", gettext_noop(
            "is required: the number of vendors the file lists, so that a file cut short is refused"
        ))
    else:
        declared = c.integer(top, "vendor_count", "", 1, MAX_VENDORS)
        if declared is not None and declared != len(raw_vendors):
            c.error("vendor_count", gettext_noop(
                "the file declares %(declared)s vendors but lists %(listed)s: it may have been cut "
                "short (or correct vendor_count after adding or removing a vendor)"
            ), declared=declared, listed=len(raw_vendors))
    names: set[str] = set()
    for index, raw in enumerate(raw_vendors):
        entry = _vendor(c, raw, f"vendors[{index}]", sources)
        if entry is None:
            continue
        if entry.name in names:
            c.error(f"vendors[{index}].name", gettext_noop("the vendor %(name)s is listed twice"), name=entry.name)
        names.add(entry.name)
        vendors.append(entry)
    if c.errors or version is None:
        return None, c.errors
    return (
        Catalogue(
            slug=slug,
            version=version,
            title=title,
            content_hash=content_hash(data),
            vendors=tuple(vendors),
            market_facts=facts,
        ),
        [],
    )


def _sources(c: Checker, raw: Any) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    table = c.mapping(raw, "sources")
    if table is None:
        return sources
    for source_id, spec in table.items():
        path = f"sources.{source_id}"
        entry = c.mapping(spec, path)
        if entry is None:
            continue
        c.unknown(entry, {"file", "title", "published", "note", "secondary"}, path)
        file = c.text(entry, "file", path, max_length=200)
        c.text(entry, "title", path)
        secondary = entry.get("secondary")
        if not isinstance(secondary, bool):
            c.error(f"{path}.secondary", gettext_noop("must be true or false"))
            secondary = False
        sources[str(source_id)] = Source(file=file, section="", secondary=secondary)
    return sources


def _source(c: Checker, raw: Any, path: str, sources: dict[str, Source]) -> Source:
    entry = c.mapping(raw, f"{path}.source")
    if entry is None:
        return Source("", "", False)
    c.unknown(entry, {"id", "section"}, f"{path}.source")
    source_id = entry.get("id")
    if not isinstance(source_id, str) or source_id not in sources:
        c.error(f"{path}.source.id", gettext_noop("unknown source %(id)s"), id=repr(source_id))
        return Source("", "", False)
    known = sources[source_id]
    section = c.text(entry, "section", f"{path}.source")
    return Source(known.file, section, known.secondary)


def _vendor(c: Checker, raw: Any, path: str, sources: dict[str, Source]) -> VendorEntry | None:
    data = c.mapping(raw, path)
    if data is None:
        return None
    c.unknown(
        data,
        {"key", "name", "kind", "summary", "source", "deployment_models", "regions",
         "references", "credentials", "market_facts"},
        path,
    )
    key = c.key(data, path, required=True)
    name = c.text(data, "name", path, max_length=200)
    kind = c.choice(data, "kind", path, VENDOR_KINDS)
    source = _source(c, data.get("source"), path, sources)
    deployments = _items(c, data, "deployment_models", path, sources, _deployment_fields)
    seen_models: set[str] = set()
    for index, item in enumerate(deployments):
        model = item.fields.get("model")
        if model is None:  # not one of the models: already an error
            continue
        if model in seen_models:
            c.error(f"{path}.deployment_models[{index}].model", gettext_noop("%(model)s is listed twice"), model=model)
        seen_models.add(model)
    return VendorEntry(
        key=key or "",
        name=name,
        kind=kind or "",
        summary=c.text(data, "summary", path, required=False, max_length=2000),
        source=source,
        deployments=tuple(deployments),
        regions=tuple(_items(c, data, "regions", path, sources, _region_fields)),
        references=tuple(_items(c, data, "references", path, sources, _reference_fields)),
        credentials=tuple(_items(c, data, "credentials", path, sources, _credential_fields)),
        market_facts=tuple(_items(c, data, "market_facts", path, sources, _fact_fields)),
    )


def _items(c, parent, name, parent_path, sources, read_fields) -> list[Item]:
    """The list field ``name`` of ``parent`` (at ``parent_path``), each entry read by
    ``read_fields``."""
    raw = parent.get(name)
    path = field_path(parent_path, name)
    if raw is None:
        return []
    if not isinstance(raw, list):
        c.error(path, gettext_noop("must be a list"))
        return []
    items = []
    for index, entry in enumerate(raw):
        where = f"{path}[{index}]"
        data = c.mapping(entry, where)
        if data is None:
            continue
        allowed, values, needs_key = read_fields(c, data, where)
        c.unknown(data, allowed | {"source"} | ({"key"} if needs_key else set()), where)
        key = c.key(data, where, required=True) if needs_key else None
        items.append(Item(key=key, fields=values, source=_source(c, data.get("source"), where, sources)))
    return items


def _deployment_fields(c, data, path):
    model = c.choice(data, "model", path, DEPLOYMENT_MODELS)
    return {"model"}, {"model": model}, False


def _region_fields(c, data, path):
    values = {
        "name": c.text(data, "name", path, max_length=100),
        "note": c.text(data, "note", path, required=False),
    }
    return {"name", "note"}, values, True


def _reference_fields(c, data, path):
    values = {
        "name": c.text(data, "name", path, max_length=200),
        "region": c.text(data, "region", path, required=False, max_length=100),
        "since": c.integer(data, "since", path, 1990, 2100),
        "note": c.text(data, "note", path, required=False),
    }
    return {"name", "region", "since", "note"}, values, True


def _credential_fields(c, data, path):
    kind = c.choice(data, "kind", path, CREDENTIAL_KINDS)
    low, high = LEVEL_RANGE.get(kind or "", (1, 5))
    level = c.integer(data, "level", path, low, high)
    if kind in ("mlps", "ccrc") and level is None and "level" not in data:
        c.error(f"{path}.level", gettext_noop("a %(kind)s credential needs its level"), kind=kind)
    values = {
        "kind": kind,
        "level": level,
        "title": c.text(data, "title", path, required=False, max_length=200),
        "number": c.text(data, "number", path, required=False, max_length=100),
        "issuer": c.text(data, "issuer", path, required=False, max_length=200),
        "scope": c.text(data, "scope", path, required=False),
        "valid_from": c.day(data, "valid_from", path),
        "valid_to": c.day(data, "valid_to", path),
    }
    if values["valid_from"] and values["valid_to"] and values["valid_to"] < values["valid_from"]:
        c.error(f"{path}.valid_to", gettext_noop("is before valid_from"))
    # A shipped credential with a number and an expiry is one whose certificate was checked;
    # without them it is only claimed by its source (never invent the missing figures).
    values["evidence"] = "certificate" if values["number"] and values["valid_to"] else "claimed"
    allowed = {"kind", "level", "title", "number", "issuer", "scope", "valid_from", "valid_to"}
    return allowed, values, True


def _fact_fields(c, data, path):
    values = {
        "text": c.text(data, "text", path),
        "figure": c.decimal(data, "figure", path),
        "unit": c.text(data, "unit", path, required=False, max_length=30),
        "year": c.integer(data, "year", path, 1990, 2100),
        "period": c.text(data, "period", path, required=False, max_length=30),
    }
    if values["figure"] is not None and not values["unit"]:
        c.error(f"{path}.unit", gettext_noop("a figure needs its unit"))
    return {"text", "figure", "unit", "year", "period"}, values, True
