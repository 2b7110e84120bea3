"""Auth across the vendor corpus: per collection, its operations by auth type, the auth and secret warnings,
whether every operation carries the auth Postman puts in force, and whether any saved secret leaked.

    python benchmarks/auth_report.py                  # every collection in ../shared/collections/real
    python benchmarks/auth_report.py twitter stripe   # collections whose name holds one of these
    python benchmarks/auth_report.py -v               # every warning, not just a count per kind

Each collection is generated in memory (unformatted) with its environment file, if there is one. Saved
secrets are collected by ``tests/auth_integration/corpus.py``, independently of the generator, and searched
for in every generated file and the manifest. Exit status 1 when an operation's auth is wrong or a secret
leaked.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from auth_integration.corpus import (  # noqa: E402
    REAL,
    auth_problems,
    collections,
    environment_for,
    saved_secrets,
)

from generator.auth import auth_summary  # noqa: E402
from generator.cli import read_env_file  # noqa: E402
from generator.pipeline import Generated, generate  # noqa: E402
from generator.secrets import env_origins  # noqa: E402


def generate_with_env(stem: str) -> Generated:
    env = environment_for(stem)
    overrides = read_env_file(str(env)) if env else {}
    document = json.loads(env.read_text(encoding="utf-8")) if env else None
    return generate(
        str(REAL / f"{stem}.postman_collection.json"),
        overrides=overrides,
        override_origins=env_origins(document, {}),
        formatting=False,
    )


def leaks(stem: str, generated: Generated) -> list[str]:
    """``value... in file`` for each saved secret found in a generated file or the manifest."""
    texts = {name: data.decode("utf-8", "replace") for name, data in generated.files.items()}
    texts[".gen-client.json"] = json.dumps(generated.manifest)
    return [
        f"{value[:12]}... in {name}"
        for value in saved_secrets(stem)
        for name, text in texts.items()
        if value in text
    ]


def warning_kind(pointer: str, message: str) -> str | None:
    """Auth-related warnings by kind; None for the rest (scripts, headers, ...)."""
    if "left out of the SDK" in message:
        return "secret left out"
    if "not supported" in message and pointer.endswith("/auth"):
        return "unsupported auth"
    if "unsigned" in message:
        return "sent unsigned"
    return None


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    names = [a for a in argv if a != "-v"]
    if not REAL.is_dir():
        print(f"skipped: {REAL} not present")
        return 0
    stems = [s for s in collections() if not names or any(n in s for n in names)]
    failed = False
    started = time.monotonic()
    for stem in stems:
        generated = generate_with_env(stem)
        api = generated.api
        document = json.loads((REAL / f"{stem}.postman_collection.json").read_text(encoding="utf-8"))
        by_type = ", ".join(f"{kind} {n}" for kind, n in auth_summary(api))
        env = environment_for(stem)
        print(f"{stem}{f' (+ {env.name})' if env else ''}: {len(api.all_operations())} operations: {by_type}")
        kinds = [(warning_kind(p, m), p, m) for p, m in api.warnings]
        counted = Counter(k for k, _, _ in kinds if k)
        if counted:
            print("  warnings: " + ", ".join(f"{kind} {n}" for kind, n in sorted(counted.items())))
        for kind, pointer, message in kinds:
            if kind and (verbose or kind != "secret left out"):
                print(f"    {pointer}: {message}")
        problems, leaked = auth_problems(api, document), leaks(stem, generated)
        for line in problems[:10] + leaked:
            print(f"  FAIL {line}")
        saved = len(saved_secrets(stem))
        print(f"  secrets: {len(api.secrets)} in the manifest; {saved} saved, {len(leaked)} leaked")
        failed = failed or bool(problems or leaked)
    print(f"({time.monotonic() - started:.0f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
