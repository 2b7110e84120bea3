"""Problems as values: input errors (fatal, exit 2) and warnings (carried to the summary)."""

from __future__ import annotations

from dataclasses import dataclass


def join_pointer(base: str, *tokens: str | int) -> str:
    """``base`` with each token appended as a JSON pointer reference token, escaped as RFC 6901 says."""
    # Called for every value the parse reads (tens of thousands of times on a large collection): the
    # usual token, which needs no escape, costs no call.
    for token in tokens:
        text = token if type(token) is str else str(token)
        if "~" in text or "/" in text:
            text = text.replace("~", "~0").replace("/", "~1")
        base = base + "/" + text
    return base


@dataclass(frozen=True)
class Warning_:
    """A non-fatal problem found while reading a collection."""

    pointer: str
    message: str

    def render(self) -> str:
        return f"{self.pointer or '/'}: {self.message}"


class InputError(Exception):
    """Bad input: reported as one line naming the file and JSON pointer, exit code 2."""

    def __init__(self, file: str, pointer: str, message: str) -> None:
        super().__init__(message)
        self.file = file
        self.pointer = pointer
        self.message = message

    def one_line(self) -> str:
        where = f"{self.file}:{self.pointer}" if self.pointer else self.file
        text = " ".join(self.message.split())
        return f"error: {where}: {text}"
