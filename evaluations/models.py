"""Bid evaluations by 综合评分法: inputs, panel scores, an event log and the sealed record.

The figures are never stored as results while an evaluation is open: the engine derives them
from these inputs on demand. Closing freezes inputs, derivation and history into one
:class:`SealedRecord` with its SHA-256; the services refuse every change afterwards.
"""

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProcurementMethod(models.TextChoices):
    # The three methods evaluated by 综合评分法 (codes as in the procurement rule set).
    PUBLIC_TENDER = "public_tender", _("Public tender (公开招标)")
    INVITED_TENDER = "invited_tender", _("Invited tender (邀请招标)")
    COMPETITIVE_CONSULTATION = "competitive_consultation", _("Competitive consultation (竞争性磋商)")


# The comparison engine's method for each: 87号令 governs tenders, 214号 governs 磋商.
ENGINE_METHOD = {
    ProcurementMethod.PUBLIC_TENDER: "tender",
    ProcurementMethod.INVITED_TENDER: "tender",
    ProcurementMethod.COMPETITIVE_CONSULTATION: "consultation",
}


class Category(models.TextChoices):
    GOODS = "goods", _("Goods")
    SERVICES = "services", _("Services")
    MIXED = "mixed", _("Mixed (goods and services)")


class RoundingMode(models.TextChoices):
    HALF_UP = ROUND_HALF_UP, _("Half up (四舍五入)")
    HALF_EVEN = ROUND_HALF_EVEN, _("Half to even")
    DOWN = ROUND_DOWN, _("Truncate")
    UP = ROUND_UP, _("Away from zero")


class Status(models.TextChoices):
    DRAFT = "draft", _("Open")
    CLOSED = "closed", _("Closed and sealed")


class CriterionKind(models.TextChoices):
    PRICE = "price", _("Price")
    TECHNICAL = "technical", _("Technical")
    COMMERCIAL = "commercial", _("Commercial")


def _default_tie_break() -> list[str]:
    return ["bid_price", "technical_score"]


class Evaluation(models.Model):
    project = models.ForeignKey(
        "procurement.ProcurementProject", verbose_name=_("procurement project"),
        on_delete=models.PROTECT, related_name="evaluations",
    )
    rule_set = models.ForeignKey(
        "procurement.RuleSetVersion", verbose_name=_("rule set version"),
        on_delete=models.PROTECT, related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    procurement_method = models.CharField(
        _("procurement method"), max_length=32, choices=ProcurementMethod.choices
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    goods_share = models.DecimalField(
        _("funds for goods"), max_digits=16, decimal_places=2, null=True, blank=True,
        help_text=_("For a mixed project: the amount or percentage of funds for goods."),
    )
    services_share = models.DecimalField(
        _("funds for services"), max_digits=16, decimal_places=2, null=True, blank=True,
    )
    sme_deduction_percent = models.DecimalField(
        _("small/micro-enterprise price deduction (%)"), max_digits=5, decimal_places=2, default=0,
        help_text=_("As the tender documents state."),
    )
    rounding_places = models.PositiveSmallIntegerField(
        _("rounding places"), default=2, validators=[MaxValueValidator(10)]
    )
    rounding_mode = models.CharField(
        _("rounding"), max_length=20, choices=RoundingMode.choices, default=RoundingMode.HALF_UP
    )
    tie_break = models.JSONField(_("tie-break order"), default=_default_tie_break)
    abnormal_threshold_percent = models.DecimalField(
        # xgettext:no-python-format
        _("abnormally low below (% of the other bids' mean)"), max_digits=5, decimal_places=2,
        null=True, blank=True,
        help_text=_("As the tender documents state; empty: a modelled 80 %, not a legal figure."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("closed by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("bid evaluation")
        verbose_name_plural = _("bid evaluations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def engine_method(self) -> str:
        return ENGINE_METHOD[ProcurementMethod(self.procurement_method)]

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED


class Criterion(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="criteria"
    )
    code = models.CharField(
        _("code"), max_length=30,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$", _("Use letters, digits, '-' and '_'."))],
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=CriterionKind.choices)
    max_points = models.DecimalField(
        _("maximum points"), max_digits=6, decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["evaluation", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "code"], name="unique_criterion_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PanelMember(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="panel"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.PROTECT,
        related_name="evaluation_panels",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        ordering = ["evaluation", "added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "user"], name="unique_panel_member"),
        ]

    def __str__(self) -> str:
        return str(self.user)


class Bid(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="bids"
    )
    bidder_name = models.CharField(_("bidder"), max_length=200)
    vendor = models.ForeignKey(
        "vendors.Vendor", verbose_name=_("catalogue vendor"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="bids",
    )
    price = models.DecimalField(
        _("bid price (yuan)"), max_digits=16, decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    sme_eligible = models.BooleanField(_("small or micro enterprise"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        ordering = ["evaluation", "id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "bidder_name"], name="unique_bidder"),
        ]

    def __str__(self) -> str:
        return self.bidder_name


class MemberScore(models.Model):
    """One panel member's points for one bid on one non-price criterion."""

    bid = models.ForeignKey(Bid, verbose_name=_("bid"), on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.PROTECT,
        related_name="+",
    )
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("member score")
        verbose_name_plural = _("member scores")
        ordering = ["bid", "criterion", "member"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion", "member"], name="unique_member_score"),
        ]

    def __str__(self) -> str:
        return f"{self.bid_id}/{self.criterion_id}/{self.member_id}: {self.points}"


class EvaluationEvent(models.Model):
    """Append-only: who entered or changed what, and when (sealed with the record)."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("action"), max_length=40)
    detail = models.JSONField(_("detail"), default=dict)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation event")
        verbose_name_plural = _("evaluation events")
        ordering = ["evaluation", "at", "id"]

    def __str__(self) -> str:
        return f"{self.action} @ {self.at:%Y-%m-%d %H:%M:%S}"


class SealedRecord(models.Model):
    """The closed evaluation, frozen: inputs, rule version, scores, derivation and history."""

    evaluation = models.OneToOneField(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.PROTECT, related_name="seal"
    )
    payload = models.JSONField(_("record"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    sealed_at = models.DateTimeField(_("sealed at"))
    sealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sealed by"), on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sealed evaluation record")
        verbose_name_plural = _("sealed evaluation records")

    def __str__(self) -> str:
        return f"{self.evaluation} · {self.sha256[:12]}"
