"""``{% form_fields form %}``: a form's fields, rendered once per content when unbound.

Django renders every widget through its own templates (about half a millisecond each); a
form that shows the same values in the same language renders the same HTML. A form class
that defines ``cache_digest()`` (what its unbound fields show, e.g. the instance's values)
has its unbound fields kept in the "derived" cache under a digest of that, its prefix and
the language; a bound form (with the person's input and errors) is always rendered.
"""

from __future__ import annotations

from django import forms, template
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from natverk.site.fragments import digest_of

register = template.Library()

FIELDS_TEMPLATE = "_fields.html"


@register.simple_tag
def form_fields(form: forms.BaseForm, template_name: str = FIELDS_TEMPLATE) -> SafeString:
    """The form's fields as ``template_name`` renders them."""
    digest = getattr(form, "cache_digest", None)
    if form.is_bound or digest is None:
        return render_to_string(template_name, {"form": form})
    shown = (type(form).__qualname__, template_name, form.prefix, digest(), get_language())
    key = f"natverk:fields:{digest_of(shown)}"
    html: str | None = caches["derived"].get(key)
    if html is None:
        html = render_to_string(template_name, {"form": form})
        caches["derived"].set(key, html)
    return mark_safe(html)  # noqa: S308 - rendered by the template (autoescaped) above


def initial_digest(form: forms.BaseForm) -> str:
    """A ``cache_digest`` for forms whose unbound fields show only ``form.initial``."""
    return digest_of(sorted((k, repr(v)) for k, v in form.initial.items()))


__all__ = ["form_fields", "initial_digest"]
