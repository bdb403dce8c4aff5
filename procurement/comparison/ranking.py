"""Ranking by total score with a tie-break order given as data.

87号令's ranking rule for 综合评分法 (we read it in the last paragraph of art. 55; the brief
cited art. 65 — verify against the primary text): results are ranked by score, highest first;
equal scores are ranked by bid price, lowest first; equal score and price are listed as tied
(并列). For 磋商, 214号 (art. 24 as we recall it) adds: equal score and price → better technical
merit first. Tender documents commonly settle a remaining tie by lot. The order of keys is
therefore data (``EvaluationRules.tie_break``; default ``DEFAULT_TIE_BREAK`` = lower bid price,
then higher technical score); the engine never picks a winner at random: a tie that survives
every key is reported ("decide by lot"), and the tied bids share the rank.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .messages import Message, msg
from .types import TIE_BREAK_KEYS


@dataclass(frozen=True)
class RankInput:
    bidder_id: str
    total: Decimal
    keys: Mapping[str, Decimal | None]


@dataclass(frozen=True)
class RankOutcome:
    bidder_id: str
    rank: int
    decided_by: str
    tied_with: tuple[str, ...]


def rank(
    entries: Sequence[RankInput], tie_break: Sequence[str]
) -> tuple[list[RankOutcome], list[Message]]:
    """Order bids by total (descending), then by each tie-break key in turn.

    Returns the outcomes in rank order and warnings. Ranks are competition ranks: bids tied by
    lot share a rank and the next bid's rank skips (1, 1, 3). ``decided_by`` is "total" when the
    total alone set the bid apart, else the tie-break key that did, else "lot". A key whose
    figure is missing (None) for some bid of a tied group is skipped with a warning. Within a
    remaining tie, bids are listed by bidder id, so the input order never changes the result.
    """
    warnings: list[Message] = []
    ordered = sorted(entries, key=lambda e: (-e.total, e.bidder_id))
    resolved: list[tuple[RankInput, str, tuple[str, ...]]] = []
    for group in _groups(ordered, lambda e: e.total):
        resolved.extend(_resolve(group, list(tie_break), "total", warnings))

    outcomes: list[RankOutcome] = []
    position = 1
    index = 0
    while index < len(resolved):
        entry, decided_by, tied = resolved[index]
        size = 1 + len(tied)
        for offset in range(size):
            e, d, t = resolved[index + offset]
            outcomes.append(RankOutcome(e.bidder_id, position, d, t))
        if tied:
            warnings.append(
                msg(
                    "ranking.tie_by_lot",
                    rank=position,
                    bidders=", ".join([entry.bidder_id, *tied]),
                )
            )
        position += size
        index += size
    return outcomes, warnings


def _resolve(
    group: list[RankInput], keys: list[str], decided: str, warnings: list[Message]
) -> list[tuple[RankInput, str, tuple[str, ...]]]:
    if len(group) == 1:
        return [(group[0], decided, ())]
    if not keys:
        ids = sorted(e.bidder_id for e in group)
        by_id = {e.bidder_id: e for e in group}
        return [(by_id[i], "lot", tuple(x for x in ids if x != i)) for i in ids]
    key, rest = keys[0], keys[1:]
    values = [e.keys.get(key) for e in group]
    if any(v is None for v in values):
        warnings.append(msg("ranking.tie_break_key_unavailable", key=key))
        return _resolve(group, rest, decided, warnings)
    sign = 1 if TIE_BREAK_KEYS[key] == "asc" else -1
    ordered = sorted(group, key=lambda e: (sign * e.keys[key], e.bidder_id))  # type: ignore[operator]
    out: list[tuple[RankInput, str, tuple[str, ...]]] = []
    for sub in _groups(ordered, lambda e: e.keys[key]):
        out.extend(_resolve(sub, rest, key, warnings))
    return out


def _groups(
    ordered: list[RankInput], value: Callable[[RankInput], object]
) -> list[list[RankInput]]:
    groups: list[list[RankInput]] = []
    for entry in ordered:
        if groups and value(groups[-1][0]) == value(entry):
            groups[-1].append(entry)
        else:
            groups.append([entry])
    return groups
