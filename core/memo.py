"""Views made once per process: what a page shows for one language and selection never changes while the
read-only database stays the same, so it is computed on the first request and shared by every session.

`per_process` is functools.lru_cache with a register: `clear()` (called by core.data.clear_caches, e.g. by
tests that switch databases) forgets every view at once. A view's result is shared, not copied, so a view
returns plain, immutable-by-convention data (strings, tuples, frozen dataclasses, read-only DataFrames)
and callers never change it. Plain Python: the phone edition and the deck build use the same views.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable)
_registered: list = []


def per_process(func: F | None = None, *, maxsize: int | None = 256) -> F:
    """Cache `func` by its (hashable) arguments for the life of the process (`maxsize` entries, LRU)."""

    def wrap(f: F) -> F:
        cached = functools.lru_cache(maxsize=maxsize)(f)
        _registered.append(cached)
        return cached  # type: ignore[return-value]

    return wrap(func) if func is not None else wrap  # type: ignore[return-value]


def clear() -> None:
    """Forget every cached view."""
    for cached in _registered:
        cached.cache_clear()
