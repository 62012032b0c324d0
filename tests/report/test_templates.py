"""Tests for the templates' stored code (collabgraph/report/html.py: _StoredCodeLoader, template_code)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
import pytest

import collabgraph.report.html as html
from collabgraph.analysis import analyze
from collabgraph.report.html import ReportSettings
from tests.report.conftest import FAST

TEMPLATES = Path(html.__file__).parent / "templates"
NAMES = sorted(p.name for p in TEMPLATES.glob("*.j2"))
WRITE = 'python -c "from collabgraph.report.html import write_template_code; write_template_code()"'


@pytest.mark.parametrize("name", NAMES)
def test_stored_code_is_the_templates_code(name):
    """Each template's .code file names its source's SHA-256 (a template changed without writing it again fails
    here) and, made by the installed Jinja, is the code Jinja makes of the template now."""
    header, _, code = (TEMPLATES / f"{name}.code").read_text(encoding="utf-8").partition("\n")
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    _, version, _, digest, _, _ = header.removeprefix("# ").split(" ")
    assert digest == hashlib.sha256(source.encode("utf-8")).hexdigest(), f"{name} changed: run {WRITE}"
    if version == jinja2.__version__:
        assert header + "\n" + code == html.template_code(name), f"{name}.code is stale: run {WRITE}"


@pytest.fixture
def fresh_environment():
    html._environment.cache_clear()
    yield
    html._environment.cache_clear()


def test_page_is_the_same_with_and_without_stored_code(hostile, monkeypatch, fresh_environment):
    """The page from the stored code equals the page Jinja compiles from the templates; a .code file that does
    not match (here: another Jinja version) is not used."""
    a = analyze(hostile, FAST)
    used = []
    original = jinja2.BaseLoader.load
    monkeypatch.setattr(jinja2.PackageLoader, "load", lambda self, environment, name, globals=None:
                        used.append(name) or original(self, environment, name, globals))
    stored = html.render(hostile, a, ReportSettings())
    assert not used  # both templates from their stored code: Jinja's own loading did not run
    monkeypatch.setattr(jinja2, "__version__", "0.0")
    html._environment.cache_clear()
    assert html.render(hostile, a, ReportSettings()) == stored
    assert sorted(used) == NAMES


def test_stored_code_is_not_used_by_an_environment_with_other_options(monkeypatch):
    """The stored code is keyed by the environment's options too: an environment that compiles otherwise (here
    without trim_blocks) compiles the template itself instead of taking code made for the page's options."""
    used = []
    original = jinja2.BaseLoader.load
    monkeypatch.setattr(jinja2.PackageLoader, "load", lambda self, environment, name, globals=None:
                        used.append(name) or original(self, environment, name, globals))
    env = jinja2.Environment(loader=html._StoredCodeLoader("collabgraph.report", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, lstrip_blocks=True, finalize=html._page_text)
    env.get_template("table.html.j2")
    assert used == ["table.html.j2"]
    stored = (TEMPLATES / "table.html.j2.code").read_text(encoding="utf-8").partition("\n")[0]
    source = (TEMPLATES / "table.html.j2").read_text(encoding="utf-8")
    assert html._code_header(source, env) != stored == html._code_header(source, html._environment())
