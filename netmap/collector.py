"""Python's cyclic garbage collector paused around work that makes many long-lived containers and no cycles.

A national map is millions of small dicts, lists and tuples that live until the command ends. Each collection
of the oldest generation walks all of them again only to find them alive, which cost 1-4 cpu s of a national
run (reading, the graph, the analysis, the fingerprint, the bulk import's files; bench/README.md). What a
paused block makes is still freed by reference counting as ever; cycles wait until the collector resumes.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused(*, hand_over: bool = False) -> Iterator[None]:
    """The collector off for the block, on again after it if it was on before.

    ``hand_over``: what the block made goes to the oldest generation without a walk (``gc.freeze()`` then
    ``gc.unfreeze()``); else the next young collection would walk every new object at once, only to find them
    all alive. Skipped when the program froze objects itself (they stay frozen).

    >>> import gc
    >>> with paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if hand_over and not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()
