"""docs/glossary.md stays true: every name it gives in backticks exists in the code.

Checked: dotted names (``performance.models.WorkResult``, ``performance.services.result_save``: the module of
the ``berakhlak`` package and the attribute), fields and members named after a model or an enumeration
(``performance.models.Skp`` field ``rater``, ``accounts.models.Role`` ``UNIT_HEAD``), URL names
(``performance:skp``), URL paths (``/kinerja/skp/<pk>/``, or their tail after ``…``), templates
(``performance/skp.html``) and ``berakhlak <command>`` lines."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from django.core.management import get_commands
from django.db import models
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import URLPattern, URLResolver, get_resolver

GLOSSARY = Path(__file__).resolve().parent.parent / "docs" / "glossary.md"
TEXT = GLOSSARY.read_text(encoding="utf-8")
TICKED = re.findall(r"`([^`]+)`", TEXT)

DOTTED = re.compile(r"^[a-z_0-9]+(?:\.[A-Za-z_0-9]+)+$")
URL_NAME = re.compile(r"^[a-z0-9_]+:[a-z_]+$")
TEMPLATE = re.compile(r"^[a-z0-9_]+/[A-Za-z0-9_]+\.(?:html|txt)$")
# a model or enumeration followed by the names of its fields or members
MEMBERS = re.compile(r"`([a-z_0-9]+(?:\.[A-Za-z_0-9]+)+)`(?: fields?)? \(?((?:`[A-Za-z_]+`(?:, | and )?)+)")


def resolve(dotted: str):
    """The object a dotted name of the ``berakhlak`` package means (ImportError/AttributeError if none)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module("berakhlak." + ".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(dotted)


def routes():
    out = []

    def walk(patterns, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                out.append("/" + prefix + str(p.pattern))
    walk(get_resolver().url_patterns, "")
    return [re.sub(r"<[^>]+>", "<>", r) for r in out]


def normalised(path: str) -> str:
    return re.sub(r"<[^>]+>", "<>", path)


def test_the_glossary_names_things():
    dotted = [t for t in TICKED if DOTTED.match(t)]
    assert len(dotted) > 150 and len([t for t in TICKED if URL_NAME.match(t)]) > 50


@pytest.mark.parametrize("name", sorted({t for t in TICKED if DOTTED.match(t)}))
def test_every_dotted_name_exists(name):
    resolve(name)


@pytest.mark.parametrize(("owner", "members"), sorted(set(MEMBERS.findall(TEXT))))
def test_every_field_or_member_exists(owner, members):
    obj = resolve(owner)
    for member in re.findall(r"`([A-Za-z_]+)`", members):
        if isinstance(obj, type) and issubclass(obj, models.Model) and member.islower():
            obj._meta.get_field(member)  # FieldDoesNotExist if the field is gone
        elif isinstance(obj, type) and (issubclass(obj, models.Model) or issubclass(obj, models.Choices)):
            assert hasattr(obj, member), f"{owner} has no {member}"


@pytest.mark.parametrize("name", sorted({t for t in TICKED if URL_NAME.match(t)}))
def test_every_url_name_exists(name):
    namespace, url_name = name.split(":")
    resolver = get_resolver()
    assert namespace in resolver.namespace_dict, name
    _prefix, sub = resolver.namespace_dict[namespace]
    assert url_name in sub.reverse_dict, name


@pytest.mark.parametrize("path", sorted({t for t in TICKED if t.startswith(("/", "…/"))}))
def test_every_path_is_a_route(path):
    known = routes()
    if path.startswith("…"):
        tail = normalised(path[1:])
        assert any(r.endswith(tail) for r in known), path
    else:
        assert normalised(path) in known, path


@pytest.mark.parametrize("name", sorted({t for t in TICKED if TEMPLATE.match(t)}))
def test_every_template_exists(name):
    try:
        get_template(name)
    except TemplateDoesNotExist:
        pytest.fail(f"no template {name}")


@pytest.mark.parametrize("line", sorted({t for t in TICKED if t.startswith("berakhlak ")}))
def test_every_command_exists(line):
    assert line.split()[1] in get_commands(), line
