"""Render stage: the IR -> the source text of every file of the generated SDK (unformatted)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import jinja2

from generator import __version__, context, typeexpr
from generator.cases import group_cases
from generator.literals import docstring, inline_docstring, py_literal, toml_string
from generator.model import Api
from generator.parallel import Lane

BUILTIN_TEMPLATES = Path(__file__).resolve().parent / "templates"
if not BUILTIN_TEMPLATES.is_dir():  # a source checkout: templates/ sits beside generator/
    BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

VERBATIM = ("_runtime.py", "_dynamic.py", "_transport.py", "_auth.py")
# Built-in templates whose output is black's already (``layout.py``; tests/format checks it): the format
# stage skips what in it is plainly formatted. A user's template of the same name is formatted in full.
BLACK_STYLE = (
    "sdk/__init__.py.jinja",
    "sdk/_client.py.jinja",
    "sdk/errors.py.jinja",
    "sdk/models.py.jinja",
    "sdk/resources/__init__.py.jinja",
    "sdk/resources/group.py.jinja",
    "sdk/tests/_harness.py.jinja",
    "sdk/tests/loopback_test.py.jinja",
    "sdk/tests/runtime_test.py.jinja",
    "sdk/tests/test_group.py.jinja",
    *(f"sdk/{name}" for name in VERBATIM),
)
# A lone surrogate (JSON's "\ud800" parses to one) has no UTF-8 form: written escaped, it reads back the same.
_SURROGATE = re.compile("[\ud800-\udfff]")


def environment(template_dirs: Sequence[Path] = ()) -> jinja2.Environment:
    """Jinja with StrictUndefined; user template dirs shadow the built-in ones by file name."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*map(str, template_dirs), str(BUILTIN_TEMPLATES)]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["lit"] = py_literal
    env.filters["doc"] = docstring
    env.filters["toml"] = toml_string
    return env


@cache
def _shared_environment(template_dirs: tuple[Path, ...]) -> jinja2.Environment:
    """One environment per template dirs: compiled templates are reused (and reloaded when they change)."""
    return environment(template_dirs)


def _specs_json(specs: dict[str, object]) -> str:
    """The saved requests of a resource module: one operation a line, so diffs show which one changed."""
    lines = [f"{json.dumps(name)}: {_json_text(spec)}" for name, spec in specs.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _cases_json(cases: list[dict[str, object]]) -> str:
    """A group's test cases, one a line: diffs show which case changed, and json's C encoder (which an
    ``indent`` would turn off) writes them."""
    return "[\n" + ",\n".join(_json_text(case) for case in cases) + "\n]\n"


def _json_text(value: object) -> str:
    """JSON text, non-ASCII as it is (readable diffs) but lone surrogates escaped, so it encodes as UTF-8."""
    text = json.dumps(value, ensure_ascii=False)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def template_source(env: jinja2.Environment, name: str) -> str:
    loader = env.loader
    assert loader is not None
    return loader.get_source(env, name)[0]


def render(api: Api, template_dirs: Sequence[Path] = ()) -> dict[str, str]:
    """Every generated file, by relative path, as text."""
    return render_styled(api, template_dirs)[0]


def _builtin(env: jinja2.Environment, name: str) -> bool:
    loader = env.loader
    assert loader is not None
    filename = loader.get_source(env, name)[1]
    return filename is not None and Path(filename).resolve().is_relative_to(BUILTIN_TEMPLATES.resolve())


def render_styled(api: Api, template_dirs: Sequence[Path] = ()) -> tuple[dict[str, str], frozenset[str]]:
    """Every generated file, by relative path, as text; and the paths of those in black's style."""
    env = _shared_environment(tuple(template_dirs))
    styled_templates = {name for name in BLACK_STYLE if _builtin(env, name)}
    styled: set[str] = set()
    pkg = f"src/{api.package}"
    errors = context.status_errors(api)
    error_names = {e.status: e.name for e in errors if e.status}
    api_ctx = context.client_context(api)
    groups = context.group_refs(api)
    error_exports = [
        "APIError",
        "APIConnectionError",
        "APITimeoutError",
        "APIStatusError",
        "MissingVariableError",
    ]
    error_exports += [e.name for e in errors]
    api_ctx["auth_exports"] = context.AUTH_EXPORTS
    api_ctx["error_exports"] = error_exports
    api_ctx["all"] = sorted(
        ["AsyncClient", "Client", "RawResponse", "errors", "models", *context.AUTH_EXPORTS, *error_exports]
    )
    api_ctx["distribution"] = api.distribution
    api_ctx["distribution_dir"] = api.distribution
    api_ctx["summary"] = f"Python client for {api.name} (generated by gen-client)"[:200]
    api_ctx["readme_intro"] = context.md_inline(api.description or f"A Python client for {api.name}.", 600)
    operations = api.all_operations()
    api_ctx["operation_docs"] = [
        {
            "path": ".".join([*(g.py_name for g in chain), op.py_name]),
            "method": op.method,
            "url_md": context.md_inline(op.url.host + "/" + op.url.path_text, 120),
            "summary_md": context.summary_md(op.description),
        }
        for chain, op in operations
    ]
    common = {"api": api_ctx, "package": api.package, "generator_version": __version__, "groups": groups}
    # The resource modules are half the work of rendering a large SDK, and the test cases most of the
    # other half: a second lane renders the modules meanwhile.
    modules = Lane(lambda: _resource_modules(env, api, common, error_names, styled_templates))
    files: dict[str, str] = {}

    def put(path: str, template: str, **extra: object) -> None:
        files[path] = render_file(env, template, common, **extra)
        if template in styled_templates:
            styled.add(path)

    put("pyproject.toml", "sdk/pyproject.toml.jinja")
    put("README.md", "sdk/README.md.jinja")
    put(f"{pkg}/__init__.py", "sdk/__init__.py.jinja")
    put(f"{pkg}/_client.py", "sdk/_client.py.jinja")
    put(
        f"{pkg}/errors.py",
        "sdk/errors.py.jinja",
        status_errors=errors,
        api_name_doc=inline_docstring(api.name),
    )
    put(f"{pkg}/models.py", "sdk/models.py.jinja", **typeexpr.models_context(api.models))
    for name in VERBATIM:
        files[f"{pkg}/{name}"] = template_source(env, f"sdk/{name}")
        if f"sdk/{name}" in styled_templates:
            styled.add(f"{pkg}/{name}")
    files[f"{pkg}/py.typed"] = ""
    put(f"{pkg}/resources/__init__.py", "sdk/resources/__init__.py.jinja")
    put("tests/_harness.py", "sdk/tests/_harness.py.jinja")
    # Not test_*.py: that pattern belongs to the groups' test modules, so no group name can collide.
    put("tests/runtime_test.py", "sdk/tests/runtime_test.py.jinja")
    put("tests/loopback_test.py", "sdk/tests/loopback_test.py.jinja")
    for group in api.groups:
        cases = group_cases(api, group.py_name, group, error_names)
        files[f"tests/data/{group.py_name}.json"] = _cases_json(cases)
        ref = {"py_name": group.py_name, "module": group.py_name, "name_doc": inline_docstring(group.name)}
        put(f"tests/test_{group.py_name}.py", "sdk/tests/test_group.py.jinja", group=ref)
    module_files, module_styled = modules.result()
    files.update(module_files)
    return files, frozenset(styled | module_styled)


def render_file(env: jinja2.Environment, template: str, common: dict[str, object], **extra: object) -> str:
    return env.get_template(template).render(**common, **extra)


def _resource_modules(
    env: jinja2.Environment,
    api: Api,
    common: dict[str, object],
    error_names: dict[int, str],
    styled_templates: set[str],
) -> tuple[dict[str, str], set[str]]:
    """Each group's resource module and its saved requests; and which of the files are in black's style."""
    files: dict[str, str] = {}
    styled: set[str] = set()
    template = "sdk/resources/group.py.jinja"
    for group in api.groups:
        module = context.module_context(api, group, error_names)
        path = f"src/{api.package}/resources/{group.py_name}.py"
        files[path] = render_file(env, template, common, module=module)
        if template in styled_templates:
            styled.add(path)
        files[path.removesuffix(".py") + ".json"] = _specs_json(module["specs"])  # type: ignore[arg-type]
    return files, styled
