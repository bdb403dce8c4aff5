"""Canonical JSON and sha256 hashes: a framework's content hash and an assessment's inputs hash.

Canonical JSON = ``json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)``,
UTF-8 encoded; dates as ISO strings, Decimals as their normalised plain string. Answers are
canonical by construction (``types.canonical_decimal``), so "87.50" and "87.5" are the same
input. Comments and layout of a YAML file do not change its content hash; any change of data
does.
"""

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from assessment.scoring.types import (
    Answer,
    ChecklistAnswer,
    CountAnswer,
    EventsAnswer,
    FractionAnswer,
    LevelAnswer,
    NotApplicable,
    NumberAnswer,
    PercentAnswer,
    YesNoAnswer,
)


def plain(value: Decimal) -> str:
    """A Decimal as a canonical plain string: ``Decimal("87.50")`` → ``"87.5"``, 1E+1 → "10"."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def canonical_json(data: Any) -> str:
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default
    )


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_hash(data: Any) -> str:
    """sha256 of a parsed framework file's canonical JSON."""
    return sha256_hex(canonical_json(data))


def answer_to_payload(answer: Answer) -> dict[str, Any]:
    """A typed answer as its JSON payload (the format ``answers.validate_answers`` reads).

    Numbers are strings: the answer's canonical Decimal text (``"87.5"``; ``"1E-7"`` for tiny
    values), which ``validate_answers`` reads back to the same value."""
    if isinstance(answer, PercentAnswer | NumberAnswer):
        return {"value": str(answer.value)}
    if isinstance(answer, FractionAnswer):
        return {"numerator": str(answer.numerator), "denominator": str(answer.denominator)}
    if isinstance(answer, LevelAnswer):
        return {"level": answer.level}
    if isinstance(answer, ChecklistAnswer):
        return {"items": sorted(answer.items)}
    if isinstance(answer, YesNoAnswer):
        return {"value": answer.value}
    if isinstance(answer, CountAnswer):
        return {"count": answer.count}
    if isinstance(answer, EventsAnswer):
        return {"events": dict(answer.events)}
    if isinstance(answer, NotApplicable):
        return {"not_applicable": True, "reason": answer.reason}
    raise TypeError(f"not an answer: {type(answer).__name__}")


def answers_to_payload(answers: Iterable[Answer]) -> dict[str, dict[str, Any]]:
    """Typed answers → ``{code: payload}``, e.g. for storing them in a JSON column."""
    return {a.code: answer_to_payload(a) for a in answers}


def inputs_document(slug: str, version: int, framework_hash: str, answers: Iterable[Answer]) -> Any:
    """The document the inputs hash is taken of (reference form; ``inputs_hash`` builds the
    same canonical JSON faster, and a test holds the two equal)."""
    return {
        "framework": {"slug": slug, "version": version, "content_hash": framework_hash},
        "answers": [
            [a.code, type(a).__name__, answer_to_payload(a)]
            for a in sorted(answers, key=lambda a: a.code)
        ],
    }


_enc = json.encoder.encode_basestring  # the C string encoder json.dumps uses (ensure_ascii=False)


# ruff: noqa: UP031 - one %-format per answer is the cheapest way to build the fragments below.
# Canonical JSON of ``[code, kind, payload]`` per answer class, payload keys in sorted order —
# exactly what canonical_json gives for ``inputs_document`` (a test holds them equal), built by
# hand because this runs for every answer of every scoring call. Codes go through the JSON
# string encoder like every other string.
_FRAGMENTS: dict[type, Callable[[Any], str]] = {
    FractionAnswer: lambda a: '[%s,"FractionAnswer",{"denominator":"%s","numerator":"%s"}]' % (
        _enc(a.code), a.denominator, a.numerator,
    ),
    PercentAnswer: lambda a: '[%s,"PercentAnswer",{"value":"%s"}]' % (_enc(a.code), a.value),
    NumberAnswer: lambda a: '[%s,"NumberAnswer",{"value":"%s"}]' % (_enc(a.code), a.value),
    LevelAnswer: lambda a: '[%s,"LevelAnswer",{"level":%s}]' % (_enc(a.code), _enc(a.level)),
    ChecklistAnswer: lambda a: '[%s,"ChecklistAnswer",{"items":[%s]}]' % (
        _enc(a.code), ",".join(map(_enc, sorted(a.items))),
    ),
    YesNoAnswer: lambda a: '[%s,"YesNoAnswer",{"value":%s}]' % (
        _enc(a.code), "true" if a.value else "false",
    ),
    CountAnswer: lambda a: '[%s,"CountAnswer",{"count":%d}]' % (_enc(a.code), a.count),
    EventsAnswer: lambda a: '[%s,"EventsAnswer",{"events":{%s}}]' % (  # sorted by construction
        _enc(a.code), ",".join(["%s:%d" % (_enc(k), n) for k, n in a.events]),
    ),
    NotApplicable: lambda a: '[%s,"NotApplicable",{"not_applicable":true,"reason":%s}]' % (
        _enc(a.code), _enc(a.reason),
    ),
}  # fmt: skip


_FRAMEWORK_JSON: dict[tuple[str, int, str], str] = {}


def inputs_hash(slug: str, version: int, framework_hash: str, answers: Iterable[Answer]) -> str:
    """sha256 of the canonical JSON of ``inputs_document``: framework slug/version/content hash
    and the answers sorted by code. Equal inputs, in any order and with equal Decimals however
    written, give the same hash."""
    by_code = {a.code: a for a in answers}
    return indexed_inputs_hash(slug, version, framework_hash, by_code, sorted(by_code))


def indexed_inputs_hash(
    slug: str,
    version: int,
    framework_hash: str,
    answers: Mapping[str, Answer],
    sorted_codes: Iterable[str],
) -> str:
    """``inputs_hash`` for answers already keyed by code, given all possible codes sorted."""
    key = (slug, version, framework_hash)
    framework = _FRAMEWORK_JSON.get(key)
    if framework is None:
        framework = canonical_json({"slug": slug, "version": version, "content_hash": framework_hash})
        _FRAMEWORK_JSON[key] = framework
    get = answers.get
    fragments = [_FRAGMENTS[type(a)](a) for code in sorted_codes if (a := get(code)) is not None]
    return sha256_hex('{"answers":[' + ",".join(fragments) + '],"framework":' + framework + "}")
