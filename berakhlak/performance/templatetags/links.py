"""``{{ url|external_link }}``: the link when it is an acceptable http(s) link (``berakhlak.lib.links``), else ""."""

from django import template

from berakhlak.lib.links import safe_link

register = template.Library()


@register.filter
def external_link(url):
    return safe_link(url)
