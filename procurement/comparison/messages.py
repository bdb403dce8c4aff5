"""User-facing messages of the comparison engine: stable codes, params, English templates.

Every error, warning, reason and gate result the engine produces is a :class:`Message`: a stable
``code`` (what the UI and tests key on), a ``params`` dict (values substituted into the template),
and, for input errors, the ``field`` path it refers to (``bids[2].price``,
``rules.criteria[0].max_points``). The English templates below are wrapped in a local no-op
``gettext_noop`` so that Django's ``makemessages`` extracts them without this package importing
Django; the web layer translates ``message.template`` with ``gettext`` and substitutes ``params``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


def gettext_noop(s: str) -> str:
    """Mark a string for translation without translating it (Django's makemessages keyword)."""
    return s


TEMPLATES: dict[str, str] = {
    # --- input errors: rules ---------------------------------------------------------------
    "value.not_decimal": gettext_noop(
        "%(value)s is not an exact decimal number; give it as a Decimal, an integer or a string."
    ),
    "rules.method.unknown": gettext_noop(
        "Unknown procurement method %(method)s; expected tender or consultation."
    ),
    "rules.category.unknown": gettext_noop(
        "Unknown category %(category)s; expected goods, services or mixed."
    ),
    "rules.category.share_missing": gettext_noop(
        "A mixed project needs the share of funds for goods and for services."
    ),
    "rules.category.share_negative": gettext_noop("A share of funds cannot be negative."),
    "rules.category.shares_equal": gettext_noop(
        "Goods and services have equal shares of funds (%(share)s); the law takes the category "
        "with the larger share, so the tender documents must say which category applies."
    ),
    "rules.price_weight.range_missing": gettext_noop(
        "No legal price-weight range is loaded for %(method)s / %(category)s."
    ),
    "rules.price_weight.below_min": gettext_noop(
        "The price weight %(weight)s%% is below the legal minimum of %(min)s%% for %(category)s "
        "(%(basis)s)."
    ),
    "rules.price_weight.above_max": gettext_noop(
        "The price weight %(weight)s%% is above the legal maximum of %(max)s%% for %(category)s "
        "(%(basis)s)."
    ),
    "rules.criteria.price_missing": gettext_noop(
        "The scoring table needs exactly one price criterion; it has none."
    ),
    "rules.criteria.price_duplicate": gettext_noop(
        "The scoring table needs exactly one price criterion; %(code)s is a second one."
    ),
    "rules.criteria.code_duplicate": gettext_noop("The criterion code %(code)s is used twice."),
    "rules.criteria.code_missing": gettext_noop("A criterion needs a code."),
    "rules.criteria.kind_unknown": gettext_noop(
        "Unknown criterion kind %(kind)s; expected price, technical or commercial."
    ),
    "rules.criteria.points_not_positive": gettext_noop(
        "The maximum points of criterion %(code)s must be greater than zero (got %(points)s)."
    ),
    "rules.criteria.sum_not_100": gettext_noop(
        "The criteria's maximum points add up to %(sum)s; they must add up to 100."
    ),
    "rules.rounding.places_invalid": gettext_noop(
        "Rounding places must be a whole number from 0 to 10 (got %(places)s)."
    ),
    "rules.rounding.mode_unsupported": gettext_noop("Unsupported rounding mode %(mode)s."),
    "rules.sme_deduction.out_of_range": gettext_noop(
        "The small/micro-enterprise price deduction must be from 0%% up to (not including) 100%% "
        "(got %(percent)s%%)."
    ),
    "rules.tie_break.unknown_key": gettext_noop("Unknown tie-break key %(key)s."),
    "rules.tie_break.duplicate_key": gettext_noop("The tie-break key %(key)s is listed twice."),
    "rules.required_members.invalid": gettext_noop(
        "The required number of panel members must be a positive whole number (got %(value)s)."
    ),
    # --- input errors: bids and scores -------------------------------------------------------
    "bids.empty": gettext_noop("There are no bids to evaluate."),
    "bid.id_missing": gettext_noop("A bid needs a bidder id."),
    "bid.id_duplicate": gettext_noop("The bidder id %(bidder)s is used by two bids."),
    "bid.price_missing": gettext_noop("The bid of %(bidder)s has no price."),
    "bid.price_not_positive": gettext_noop(
        "The bid price of %(bidder)s must be greater than zero (got %(price)s)."
    ),
    "score.unknown_bid": gettext_noop("A score refers to bidder %(bidder)s, who has no bid."),
    "score.unknown_criterion": gettext_noop(
        "A score refers to criterion %(criterion)s, which is not in the scoring table."
    ),
    "score.on_price_criterion": gettext_noop(
        "Members do not score the price criterion %(criterion)s; the price score is computed."
    ),
    "score.duplicate": gettext_noop("Member %(member)s scored %(bidder)s on %(criterion)s twice."),
    "score.negative": gettext_noop(
        "Member %(member)s gave %(bidder)s a negative score (%(points)s) on %(criterion)s."
    ),
    "score.above_max": gettext_noop(
        "Member %(member)s gave %(bidder)s %(points)s on %(criterion)s, above its maximum of "
        "%(max)s."
    ),
    "score.none_for_criterion": gettext_noop(
        "No panel member scored %(bidder)s on criterion %(criterion)s."
    ),
    # --- warnings -----------------------------------------------------------------------------
    "panel.too_few_members": gettext_noop(
        "Only %(members)s panel members scored; %(required)s are needed."
    ),
    "score.member_gap": gettext_noop(
        "Member %(member)s gave no score to %(bidder)s on %(criterion)s; the mean is taken over "
        "the %(count)s members who did."
    ),
    "ranking.tie_by_lot": gettext_noop(
        "%(bidders)s are tied at rank %(rank)s after every tie-break rule; decide by lot as the "
        "tender documents provide."
    ),
    "ranking.tie_break_key_unavailable": gettext_noop(
        "The tie-break key %(key)s could not be applied because not every tied bid has that figure."
    ),
    "price_weight.secondary_source": gettext_noop(
        "The legal price-weight range for %(category)s comes from a secondary source "
        "(%(basis)s); check it against the primary text."
    ),
    # --- stateless check ----------------------------------------------------------------------
    "check.non_price_partial": gettext_noop(
        "Give the non-price total for every bid or for none (missing for %(bidder)s)."
    ),
    "check.non_price_out_of_range": gettext_noop(
        "The non-price total of %(bidder)s (%(value)s) must be from 0 to %(max)s."
    ),
    "check.price_points_invalid": gettext_noop(
        "The price points must be greater than 0 and at most 100 (got %(points)s)."
    ),
    "check.mismatch": gettext_noop(
        "Published %(what)s of %(bidder)s is %(published)s; recomputed it is %(computed)s."
    ),
    # --- sensitivity --------------------------------------------------------------------------
    "sensitivity.not_evaluated": gettext_noop(
        "The evaluation has errors; fix them before running a sensitivity analysis."
    ),
    "sensitivity.winner_changes": gettext_noop(
        "The winner changes from %(before)s to %(after)s between a price weight of %(from_percent)s%% and "
        "%(to_percent)s%%."
    ),
    "sensitivity.step_invalid": gettext_noop("The step must be greater than zero (got %(step)s)."),
    "winning_price.found": gettext_noop(
        "%(bidder)s would rank first at a price of %(price)s or less (now %(current)s)."
    ),
    "winning_price.none": gettext_noop(
        "No positive price makes %(bidder)s rank first: even with full price points its total "
        "does not exceed %(rival)s's."
    ),
    "abnormal.flagged": gettext_noop(
        "The price of %(bidder)s (%(price)s) is below %(percent)s%% of the mean of the other "
        "bids (%(mean)s). The panel asks the bidder to show in writing that the price is "
        "reasonable; a bidder that cannot is treated as an invalid bid (87号令 art. 60)."
    ),
    "abnormal.flagged_modelled": gettext_noop(
        "The price of %(bidder)s (%(price)s) is below %(percent)s%% of the mean of the other "
        "bids (%(mean)s). The panel asks the bidder to show in writing that the price is "
        "reasonable; a bidder that cannot is treated as an invalid bid (87号令 art. 60). The "
        "%(percent)s%% threshold is a modelled figure, not a legal one."
    ),
    "abnormal.not_flagged": gettext_noop(
        "The price of %(bidder)s (%(price)s) is not below %(percent)s%% of the mean of the other "
        "bids (%(mean)s)."
    ),
    "abnormal.not_assessed": gettext_noop(
        "The price of %(bidder)s cannot be compared: there is no other bid with a price."
    ),
    "abnormal.threshold_invalid": gettext_noop(
        "The abnormally-low threshold must be greater than 0%% and below 100%% (got %(percent)s%%)."
    ),
    # --- vendor gates -------------------------------------------------------------------------
    "gate.rules.warn_window_negative": gettext_noop(
        "The warning window must be zero or more days (got %(days)s)."
    ),
    "gate.rules.mlps_level_invalid": gettext_noop(
        "The minimum MLPS (等保) level must be from 1 to 5 (got %(level)s)."
    ),
    "gate.rules.kind_unknown": gettext_noop("Unknown credential kind %(kind)s."),
    "gate.credential.valid": gettext_noop(
        "%(kind)s %(number)s is valid on the bid deadline %(deadline)s (until %(valid_to)s)."
    ),
    "gate.credential.expiring": gettext_noop(
        "%(kind)s %(number)s is valid on the bid deadline %(deadline)s but expires on "
        "%(valid_to)s, within %(days)s days; ask for the renewal."
    ),
    "gate.credential.no_expiry": gettext_noop(
        "%(kind)s %(number)s states no expiry date; check the certificate itself."
    ),
    "gate.credential.missing": gettext_noop("The vendor has no %(kind)s credential."),
    "gate.credential.expired": gettext_noop(
        "%(kind)s %(number)s expired on %(valid_to)s, before the bid deadline %(deadline)s."
    ),
    "gate.credential.not_yet_valid": gettext_noop(
        "%(kind)s %(number)s is valid only from %(valid_from)s, after the bid deadline "
        "%(deadline)s."
    ),
    "gate.mlps.level_too_low": gettext_noop(
        "MLPS (等保) %(number)s is level %(level)s; the systems to host need level %(required)s "
        "or higher."
    ),
    "gate.mlps.level_missing": gettext_noop(
        "MLPS (等保) %(number)s states no level; it cannot show level %(required)s."
    ),
}


# Credential kinds as shown to users (the web layer translates these too).
CREDENTIAL_LABELS: dict[str, str] = {
    "mlps": gettext_noop("MLPS (等保)"),
    "cac_cloud_assessment": gettext_noop(
        "CAC cloud service security assessment (云计算服务安全评估)"
    ),
    "trusted_cloud": gettext_noop("Trusted Cloud (可信云)"),
    "iso27001": gettext_noop("ISO/IEC 27001"),
    "iso27017": gettext_noop("ISO/IEC 27017"),
    "iso27018": gettext_noop("ISO/IEC 27018"),
    "csa_star": gettext_noop("CSA STAR"),
    "ccrc": gettext_noop("CCRC"),
}


@dataclass(frozen=True)
class Message:
    """One user-facing message: a stable code, its params and, for input errors, a field path.

    ``params`` is a plain dict (so a Message is not hashable); values are str, int, bool or
    Decimal. ``template`` is the English text with ``%(name)s`` placeholders.
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    field: str | None = None

    @property
    def template(self) -> str:
        return TEMPLATES[self.code]

    def text(self, translate: Callable[[str], str] | None = None) -> str:
        """The message rendered; pass Django's ``gettext`` as ``translate`` to localise it."""
        template = translate(self.template) if translate else self.template
        return template % {key: _display(value) for key, value in self.params.items()}


def _display(value: Any) -> str:
    return str(value)


def msg(code: str, /, field: str | None = None, **params: Any) -> Message:
    """Build a :class:`Message`; refuses a code that has no template (caught by the tests)."""
    if code not in TEMPLATES:
        raise KeyError(f"no message template for code {code!r}")
    return Message(code=code, params=params, field=field)
