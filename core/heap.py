"""Keep Python's garbage collector off the server's long-lived objects.

After the first page has run, the process holds what it keeps for its whole life: the libraries, the
database connection, the cached query results and chart specs. A full collection walks every one of them
(about 0.1 s each time on this app). gc.freeze() moves them out of the collector's way, once per process.
"""

from __future__ import annotations

import atexit
import gc
import threading

_lock = threading.Lock()
_frozen = False


def freeze_once() -> None:
    """Freeze the heap the first time it is called in this process; later calls return at once.

    A flag says it is done, not gc.get_freeze_count(): that count walks the whole frozen list (~1M objects).
    """
    global _frozen
    if _frozen:
        return
    with _lock:
        if not _frozen:
            gc.freeze()
            # At exit, hand them back, so that shutdown frees them (duckdb's bindings otherwise report them as leaked).
            atexit.register(gc.unfreeze)
            _frozen = True
