"""Canonical JSON and sha256 hashes: a framework's content hash and an assessment's inputs hash.

Canonical JSON = ``json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)``,
UTF-8 encoded; dates as ISO strings, Decimals as their normalised plain string. Answers are
canonical by construction (``types.canonical_decimal``), so "87.50" and "87.5" are the same
input. Comments and layout of a YAML file do not change its content hash; any change of data
does.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
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


class InputsEncoder:
    """The inputs hash for one framework identity (slug, version, content hash) and code set.

    Built once per framework (``compiled``): the framework part of the document and each
    code's JSON-encoded head are prepared here, so hashing a set of answers costs one string
    per answer and one sha256. ``known_levels`` (code → level codes) gives ready-made
    fragments for the framework's levels; any other level is encoded like every other string.

    The fragment of an answer is the canonical JSON of ``[code, kind, payload]``, payload keys
    in sorted order — exactly what canonical_json gives for ``inputs_document`` (tests hold
    them equal), built by hand because this runs for every answer of every scoring call.
    Decimals are their str() (``!s``), the canonical text: answers are canonical by
    construction.
    """

    __slots__ = ("_head", "_rows", "_tail")

    def __init__(
        self,
        slug: str,
        version: int,
        framework_hash: str,
        codes: Iterable[str],
        known_levels: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        framework = canonical_json({"slug": slug, "version": version, "content_hash": framework_hash})
        self._head = '{"answers":['
        self._tail = '],"framework":' + framework + "}"
        known_levels = known_levels or {}
        rows = []
        for code in sorted(set(codes)):
            head = f"[{_enc(code)},"
            levels = {
                level: f'{head}"LevelAnswer",{{"level":{_enc(level)}}}]'
                for level in known_levels.get(code, ())
            }
            rows.append((code, head, levels))
        self._rows: tuple[tuple[str, str, dict[str, str]], ...] = tuple(rows)

    def __call__(self, answers: Mapping[str, Answer]) -> str:
        """sha256 hex of the canonical inputs document for ``answers`` keyed by code (every
        code must be one the encoder was built for)."""
        get = answers.get
        fragments = []
        append = fragments.append
        for code, head, levels in self._rows:
            a = get(code)
            if a is None:
                continue
            kind = type(a)
            if kind is FractionAnswer:
                append(f'{head}"FractionAnswer",{{"denominator":"{a.denominator!s}","numerator":"{a.numerator!s}"}}]')  # type: ignore[union-attr]
            elif kind is PercentAnswer:
                append(f'{head}"PercentAnswer",{{"value":"{a.value!s}"}}]')  # type: ignore[union-attr]
            elif kind is LevelAnswer:
                level = a.level  # type: ignore[union-attr]
                append(levels.get(level) or f'{head}"LevelAnswer",{{"level":{_enc(level)}}}]')
            elif kind is ChecklistAnswer:
                items = ",".join(map(_enc, sorted(a.items)))  # type: ignore[union-attr]
                append(f'{head}"ChecklistAnswer",{{"items":[{items}]}}]')
            elif kind is NumberAnswer:
                append(f'{head}"NumberAnswer",{{"value":"{a.value!s}"}}]')  # type: ignore[union-attr]
            elif kind is YesNoAnswer:
                value = "true" if a.value else "false"  # type: ignore[union-attr]
                append(f'{head}"YesNoAnswer",{{"value":{value}}}]')
            elif kind is CountAnswer:
                count = "%d" % a.count  # type: ignore[union-attr]  # noqa: UP031 - as json.dumps
                append(f'{head}"CountAnswer",{{"count":{count}}}]')
            elif kind is EventsAnswer:  # events are sorted by construction
                events = ",".join(["%s:%d" % (_enc(k), n) for k, n in a.events])  # type: ignore[union-attr]  # noqa: UP031
                append(f'{head}"EventsAnswer",{{"events":{{{events}}}}}]')
            elif kind is NotApplicable:
                reason = _enc(a.reason)  # type: ignore[union-attr]
                append(f'{head}"NotApplicable",{{"not_applicable":true,"reason":{reason}}}]')
            else:
                raise TypeError(f"not an answer: {kind.__name__}")
        text = self._head + ",".join(fragments) + self._tail
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def inputs_hash(slug: str, version: int, framework_hash: str, answers: Iterable[Answer]) -> str:
    """sha256 of the canonical JSON of ``inputs_document``: framework slug/version/content hash
    and the answers sorted by code. Equal inputs, in any order and with equal Decimals however
    written, give the same hash."""
    by_code = {a.code: a for a in answers}
    return InputsEncoder(slug, version, framework_hash, by_code)(by_code)
