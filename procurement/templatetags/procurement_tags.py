"""Template helpers for guidance results: engine labels, amounts in yuan, citations."""

from django import template

from procurement import display

register = template.Library()


@register.filter
def label(value, group):
    """`{{ v.method|label:"method" }}` — the translated label of an engine value."""
    return display.label(group, value)


@register.filter
def yuan(value):
    return display.yuan(value)


@register.inclusion_tag("procurement/_citations.html")
def citations(basis):
    """The legal basis of a reason: law and article, secondary sources marked."""
    return {"basis": basis or []}
