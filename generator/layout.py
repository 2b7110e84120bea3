"""The layout of generated code as black leaves it, decided while rendering.

The templates of resource modules emit black's bytes (the format stage then skips them; see
``format.py``), so every choice black makes by line length is made here, with black's rules: a statement
on one line when it fits, else split at its outermost brackets. Anything these rules do not cover stays
longer than the line length, and the format stage hands that part to black.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

LINE_LENGTH = 110
CLASS_INDENT = 4
METHOD_INDENT = 8
PARAM_INDENT = 8
_DOTTED = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")


def docstring_block(doc: str, indent: int) -> str:
    """A docstring statement (quotes included) for text from ``literals.docstring``, indented as black
    indents docstrings: continuation lines re-indented, the closing quotes on their own line when the last
    line would run past the line length, a space between a closing quote in the text and the quotes."""
    lines = doc.split("\n")
    if len(lines) == 1 or "\t" in doc:
        return f'"""{_pad(doc) or " "}"""'
    rest = [line for line in lines[1:] if line.strip()]
    common = min((len(line) - len(line.lstrip()) for line in rest), default=0)
    prefix = " " * indent
    body = [lines[0].strip()]
    body += [prefix + line[common:].rstrip() if line.strip() else "" for line in lines[1:]]
    body[-1] = _pad(body[-1])
    if len(body[-1]) + 3 > LINE_LENGTH:
        body.append(prefix)
    return '"""' + "\n".join(body) + '"""'


def _pad(text: str) -> str:
    """An escaped quote at the end (``literals.docstring``): black sets it apart from the closing quotes."""
    return text + " " if text.endswith('"') else text


def call_statement(label: str, converter: str) -> str:
    """A method's body: hand its parameters (``locals()``) to the runtime."""
    assert _DOTTED.fullmatch(label), label  # dotted identifiers: a double-quoted literal as it stands
    args = [f'_OPS["{label}"]', converter, "locals()"]
    pad = " " * METHOD_INDENT
    one_line = f"return invoke({', '.join(args)})"
    if len(pad) + len(one_line) <= LINE_LENGTH:
        return one_line
    inner = pad + "    " + ", ".join(args)
    if len(inner) <= LINE_LENGTH:
        return f"return invoke(\n{inner}\n{pad})"
    if len(pad) + 4 + len(args[0]) + 1 > LINE_LENGTH:  # black splits the subscript too
        args[0] = f'_OPS[\n{pad}        "{label}"\n{pad}    ]'
    return "return invoke(\n" + "".join(f"{pad}    {arg},\n" for arg in args) + f"{pad})"


def assignment(name: str, call: str, indent: int) -> str:
    """``name = f(arg)``: on one line, or with the argument on its own line when that is too long."""
    one_line = f"{name} = {call}"
    if indent + len(one_line) <= LINE_LENGTH:
        return one_line
    head, _, arg = call.partition("(")
    pad = " " * indent
    return f"{name} = {head}(\n{pad}    {arg[:-1]}\n{pad})"


def subgroup(py_name: str, class_name: str) -> str:
    """The ``__init__`` line that makes a subgroup's resource: ``self.name = Class(runtime)``."""
    return assignment(f"self.{py_name}", f"{class_name}(runtime)", METHOD_INDENT)


def signature(name: str, params: str, returns: str, indent: int) -> str:
    """``def name(params) -> returns:``, or with the parameters on a line of their own when too long."""
    one_line = f"def {name}({params}) -> {returns}:"
    if indent + len(one_line) <= LINE_LENGTH:
        return one_line
    pad = " " * indent
    return f"def {name}(\n{pad}    {params}\n{pad}) -> {returns}:"


def parameter_list(name: str, params: Sequence[str], returns: str, indent: int) -> str:
    """``def name(params) -> returns:`` laid out as black does: on one line; else the parameters on a line
    of their own; else one a line, each with a trailing comma."""
    joined = ", ".join(params)
    if indent + 4 + len(joined) <= LINE_LENGTH:
        return signature(name, joined, returns, indent)
    pad = " " * indent
    lines = "".join(f"{pad}    {param},\n" for param in params)
    return f"def {name}(\n{lines}{pad}) -> {returns}:"


def keyword_argument(name: str, func: str, args: str, indent: int) -> str:
    """``name=func(args)`` as an argument on its own line (a comma follows it): split inside the call's
    parentheses when too long."""
    one_line = f"{name}={func}({args}),"
    if indent + len(one_line) <= LINE_LENGTH:
        return one_line[:-1]
    pad = " " * indent
    return f"{name}={func}(\n{pad}    {args}\n{pad})"


def conditional_assignment(target: str, value: str, condition: str, other: str, indent: int) -> str:
    """``target = value if condition else other``: in parentheses when too long, split before ``if`` and
    ``else`` when still too long."""
    expression = f"{value} if {condition} else {other}"
    if indent + len(f"{target} = {expression}") <= LINE_LENGTH:
        return f"{target} = {expression}"
    pad = " " * indent
    if indent + 4 + len(expression) <= LINE_LENGTH:
        return f"{target} = (\n{pad}    {expression}\n{pad})"
    return f"{target} = (\n{pad}    {value}\n{pad}    if {condition}\n{pad}    else {other}\n{pad})"


def bracketed_statement(lead: str, head: str, body: Sequence[str], tail: str, indent: int) -> str:
    """``lead head body tail`` (``target = `` or ``return `` and a value ending in brackets, ``head`` ending
    with the opening one): split inside them when too long, the body's parts (a comprehension's element and
    its ``for``) one a line when it is still too long. What still does not fit stays on one line, for the
    format stage to hand black."""
    one_line = f"{lead}{head}{' '.join(body)}{tail}"
    pad = " " * indent
    if indent + len(one_line) <= LINE_LENGTH or indent + len(lead + head) > LINE_LENGTH:
        return one_line
    inner = [" ".join(body)] if indent + 4 + len(" ".join(body)) <= LINE_LENGTH else list(body)
    if any(indent + 4 + len(part) > LINE_LENGTH for part in inner):
        return one_line
    lines = "".join(f"{pad}    {part}\n" for part in inner)
    return f"{lead}{head}\n{lines}{pad}{tail}"


def class_constant(declaration: str, call: str, items: list[str], indent: int) -> str:
    """``declaration = call({items})``: on one line, with the set on a line of its own, or one item a line."""
    inner = "{" + ", ".join(items) + "}"
    one_line = f"{declaration} = {call}({inner})"
    if indent + len(one_line) <= LINE_LENGTH:
        return one_line
    pad = " " * indent
    if indent + 4 + len(inner) <= LINE_LENGTH:
        return f"{declaration} = {call}(\n{pad}    {inner}\n{pad})"
    lines = "".join(f"{pad}        {item},\n" for item in items)
    return f"{declaration} = {call}(\n{pad}    {{\n{lines}{pad}    }}\n{pad})"


def import_from(module: str, names: Sequence[str], indent: int) -> str:
    """``from module import names``: on one line when it fits, else black's form for an import, one name
    a line in parentheses with a trailing comma."""
    one_line = f"from {module} import {', '.join(names)}"
    if indent + len(one_line) <= LINE_LENGTH:
        return one_line
    pad = " " * indent
    lines = "".join(f"{pad}    {name},\n" for name in names)
    return f"from {module} import (\n{lines}{pad})"


def wraps_annotation(name: str, annotation: object) -> bool:
    """A keyword parameter ``name: annotation = None,`` too long for its line: black puts the annotation
    in parentheses on a line of its own."""
    return PARAM_INDENT + len(f"{name}: {annotation} = None,") > LINE_LENGTH
