"""Readers for the sections every other section refers to: sources and jurisdictions."""

from __future__ import annotations

from typing import Any

from procurement.guidance.rules_model import Jurisdiction, Source
from procurement.guidance.yaml_checks import Checker, join


def read_sources(c: Checker, raw: Any) -> dict[str, Source]:
    m = c.mapping(raw, "sources")
    if m is None:
        return {}
    out: dict[str, Source] = {}
    for sid, value in m.items():
        p = join("sources", sid)
        sm = c.mapping(value, p)
        if sm is None:
            continue
        c.keys(
            sm, p, required=("title", "url"), optional=("secondary", "in_domain_sources", "note")
        )
        url = c.string(sm, "url", p, nullable=True)
        in_domain = c.boolean(sm, "in_domain_sources", p, default=True)
        if url is not None and not url.startswith(("http://", "https://")):
            c.error(join(p, "url"), f"expected an http(s) URL, got {url!r}")
        if url is None and in_domain and "url" in sm:
            c.error(
                join(p, "url"),
                "a source from the domain Sources list needs its URL "
                "(set in_domain_sources: false for a source named without one)",
            )
        out[sid] = Source(
            id=sid,
            title=c.string(sm, "title", p) or sid,
            url=url,
            secondary=c.boolean(sm, "secondary", p),
            in_domain_sources=in_domain,
            note=c.string(sm, "note", p, nullable=True),
        )
    return out


def read_jurisdictions(c: Checker, raw: Any) -> dict[str, Jurisdiction]:
    m = c.mapping(raw, "jurisdictions")
    if m is None:
        return {}
    out: dict[str, Jurisdiction] = {}
    for key, value in m.items():
        p = join("jurisdictions", key)
        jm = c.mapping(value, p)
        if jm is None:
            continue
        c.keys(jm, p, required=("name_zh",))
        out[key] = Jurisdiction(key=key, name_zh=c.string(jm, "name_zh", p) or key)
    if "central" not in out:
        c.error("jurisdictions", "must include 'central' (the fallback for every province)")
    return out
