"""A time limit on the student's code, so an endless loop becomes a failed property, not a
hung notebook.

On Unix, in the main thread (where Jupyter and Colab run cells), ``SIGALRM`` interrupts the
code after the limit; elsewhere (Windows, worker threads) the code runs without a limit.

Examples
--------
>>> import time
>>> try:
...     with time_limit(0.05):
...         while True:
...             time.sleep(0.01)
... except TimeLimitExceeded as error:
...     print(error)
took longer than 0.05 s (an endless loop?)
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["TimeLimitExceeded", "time_limit"]


class TimeLimitExceeded(BaseException):  # noqa: N818
    """The code ran past its time limit.

    A ``BaseException``, so that a student's ``except Exception`` cannot swallow it.
    """


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the block after ``seconds`` (``None``: no limit)."""
    if not seconds or not _can_interrupt():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise TimeLimitExceeded(f"took longer than {seconds:g} s (an endless loop?)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
