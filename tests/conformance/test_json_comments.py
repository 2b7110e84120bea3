"""Comment stripping (Postman strips ``//`` and ``/* */`` from JSON bodies before sending): the SDK runtime's
and the generator's copies remove exactly what Postman's own strip-json-comments package removes."""

from __future__ import annotations

import json
import random
import subprocess
from collections.abc import Callable

from conformance import newman_run
from generator.parse_request import strip_json_comments

ALPHABET = ['"', "\\", "/", "*", "\n", "\r", "a", " ", "{", "}", "é"]
PACKAGE = newman_run.ROOT / "node_modules" / "strip-json-comments"


def _runtime_strip() -> Callable[[str], str]:
    """The SDK runtime's stripping functions alone (the module imports its package's siblings)."""
    source = (newman_run.ROOT / "templates" / "sdk" / "_runtime.py").read_text(encoding="utf-8")
    start, end = source.index("def _strip_json_comments("), source.index("def _base64(")
    namespace: dict[str, object] = {}
    exec(compile("import re\n" + source[start:end], "_runtime.py", "exec"), namespace)  # noqa: S102
    return namespace["_strip_json_comments"]  # type: ignore[return-value]


def test_strip_json_comments_like_postman(newman_available: None) -> None:
    rng = random.Random(7)
    cases = ['{"a": 1, // one\r\n "u": "http://x//y" /* two */}', '"\\" // q"', "/* open", "a /*/ b */ c"]
    cases += ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40))) + "//" for _ in range(3000)]
    script = (
        "const strip = require(process.argv[1]);"
        "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(cases.map((c) => strip(c, { whitespace: false }))));"
    )
    command = ["node", "-e", script, str(PACKAGE)]
    done = subprocess.run(command, input=json.dumps(cases), capture_output=True, text=True, check=True)
    postman = json.loads(done.stdout)
    runtime = _runtime_strip()
    for case, expected in zip(cases, postman, strict=True):
        assert strip_json_comments(case) == expected, case
        assert runtime(case) == expected, case
