"""Template helpers: pick the active language of bilingual data, render engine messages."""

from decimal import Decimal

from django import template
from django.utils.safestring import mark_safe

from assessment.charts.radar import radar_svg
from assessment.scoring import Text, round_half_up
from core.i18n import active_language, render_engine_message

register = template.Library()


def _zh() -> bool:
    return active_language().startswith("zh")


@register.filter
def tr(value):
    """A bilingual value in the active language: scoring Text, or {"zh-hans", "en"}."""
    if isinstance(value, Text):
        return value.zh if _zh() else value.en
    if isinstance(value, dict):
        return value.get("zh-hans" if _zh() else "en", "")
    return value


@register.filter
def local(spec: dict, stem: str) -> str:
    """`indicator|local:"name"` → indicator["name_zh"] or indicator["name_en"]."""
    if not isinstance(spec, dict):
        return ""
    return spec.get(f"{stem}_zh" if _zh() else f"{stem}_en", "") or spec.get(f"{stem}_en", "")


@register.filter
def msg(message) -> str:
    return render_engine_message(message)


@register.filter
def num(value, places: int = 2):
    """Decimal for display, half-up (the framework's stated rounding); '—' for none."""
    if value is None or value == "":
        return "—"
    return f"{round_half_up(Decimal(str(value)), int(places)):f}"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.simple_tag
def radar(dimensions, compare=None, size: int = 320):
    """The four-dimension radar as inline SVG (the same chart the PDF uses)."""
    axes = [(tr(d.name), d.score) for d in dimensions]
    other = [(tr(d.name), d.score) for d in compare] if compare else None
    return mark_safe(radar_svg(axes, size=size, compare=other))  # noqa: S308 - our own escaped SVG


@register.simple_tag
def trend(points):
    from assessment.charts.trend import trend_svg

    return mark_safe(trend_svg([(p.year, p.total) for p in points]))  # noqa: S308 - our own escaped SVG
