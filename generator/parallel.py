"""A second lane: a pure computation in a forked child process while this process goes on with another.

Generation is a chain of CPU-bound Python stages, and a build machine has two cores or more. Two pairs of
stages do not depend on each other: checking the schema and parsing (the parse of a document the schema
refuses is thrown away), and rendering the SDK's resource modules and the rest of its files.
``Lane(call)`` forks; the child runs ``call()``, sends its pickled result through a pipe and exits;
``lane.result()`` waits for it. A fork shares the parent's memory, so nothing has to be sent to the child,
and only the result travels.

The lane is only an optimization: the result is the one ``call()`` gives in this process. Where no child
can be forked (no ``fork`` on the platform, other threads running, which a fork would not carry over, a
single core, ``GEN_CLIENT_LANES=1``), ``call()`` runs here at once, so the order of work is the serial
one; a child that dies, or whose outcome does not pickle, has ``result()`` compute it here. Exceptions
raised by ``call()`` are raised again by ``result()``.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

ENV_LANES = "GEN_CLIENT_LANES"


def available() -> bool:
    """Whether forking a lane can pay off here: Linux (fork is the norm there; elsewhere the default start
    method is spawn, for good reasons), more than one core for this process, no other thread."""
    if sys.platform != "linux" or os.environ.get(ENV_LANES) == "1":
        return False
    if threading.active_count() > 1:
        return False
    return len(os.sched_getaffinity(0)) > 1


class Lane(Generic[T]):
    """``call()`` computed in a forked child, or here and now when no child can be forked."""

    def __init__(self, call: Callable[[], T]) -> None:
        self._call = call
        self._pid = 0
        self._fd = -1
        self._outcome: tuple[bool, object] | None = None
        if available():
            self._fork()
        if not self._pid:
            self._outcome = _run(call)

    def _fork(self) -> None:
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no memory or process slot for a child: compute it here later
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: never returns
            os.close(read)
            _child(self._call, write)
        os.close(write)
        self._pid, self._fd = pid, read

    def result(self) -> T:
        """The value of ``call()``, or the exception it raised, raised here."""
        if self._outcome is None:
            data = self._collect()
            try:
                self._outcome = pickle.loads(data)
            except Exception:  # the child died, or its outcome does not (un)pickle: compute it here
                self._outcome = _run(self._call)
        ok, value = self._outcome
        if ok:
            return value  # type: ignore[return-value]
        assert isinstance(value, Exception)
        raise value

    def __enter__(self) -> Lane[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.cancel()  # a result not taken (this process failed meanwhile): no child left behind

    def cancel(self) -> None:
        """Stop the child when its result is no longer wanted (this process is failing)."""
        if self._pid:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._collect()
            self._outcome = (False, RuntimeError("cancelled"))

    def _collect(self) -> bytes:
        chunks = []
        try:
            with os.fdopen(self._fd, "rb") as pipe:
                chunks.append(pipe.read())
        finally:
            _, status = os.waitpid(self._pid, 0)
            self._pid, self._fd = 0, -1
        return b"".join(chunks) if os.waitstatus_to_exitcode(status) == 0 else b""


def _run(call: Callable[[], object]) -> tuple[bool, object]:
    try:
        return True, call()
    except Exception as exc:
        return False, exc


def _child(call: Callable[[], object], fd: int) -> None:
    """Run ``call``, write its pickled outcome to ``fd`` and leave without any of the parent's exit work
    (its atexit handlers, its buffered output)."""
    # What the parent built stays out of the cyclic collector's sight: a collection would touch every object
    # and so copy the memory the child shares with its parent.
    gc.freeze()
    code = 0
    try:
        try:
            data = pickle.dumps(_run(call), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            data, code = b"", 1
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(data)
    except BaseException:
        code = 1
    finally:
        os._exit(code)
