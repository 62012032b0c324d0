"""A second process for independent work: run a function in a forked child while this process goes on.

:func:`later` starts ``function(*args, **kwargs)`` in a child and returns a function that waits for its value;
:func:`wanted` says whether a piece of work is worth a child. The report uses it to compute half of the
metric families and the map and data files beside the other half and the page; above
:data:`~collabgraph.analysis.BACKGROUND_TIES` ties betweenness runs in a child too.

Why ``fork``, and why it is safe here
-------------------------------------
A forked child starts with the parent's memory (the dataset, the tie table, the imported modules) without
pickling anything in; only the value comes back, pickled through a pipe. Python runs one thread at a time
and igraph holds the GIL, so a thread would not overlap. The child computes and returns a value, nothing
else: it writes no file, draws no progress bar, and dies quietly (default handlers) on SIGINT and SIGTERM, so
the parent's handlers alone remove a half-built output folder (:func:`collabgraph.outputs.stop_on_signals`).
Forking a process with threads copies only the forking thread: the libraries collabgraph calls in the child
restore their state after a fork (Arrow >= 11 re-initialises its thread pools, OpenBLAS its threads, Python's
logging its locks), and no collabgraph code holds a lock or a thread while it forks. The standard streams are
flushed before the fork, so the child repeats nothing the parent wrote.

It is computed in this process instead, with a line on the ``collabgraph`` logger, where ``fork`` is not
available (INFO), in a daemonic process (a multiprocessing worker may have no children; INFO), when no
child can be started (``OSError``: fork refused, no memory; WARNING) or when the child stops without a value
(killed, out of memory; WARNING). An error of the computation itself is raised as it is inline: the child
reports that it failed and the parent computes the value itself, raising the error with its own traceback
(INFO). A value the child delivered is said at DEBUG (``the map computed in a second process``), so every
path is visible on the logger: the tests that compare one process with two assert that the child delivered.
The parent ends the child on every path (the :class:`~contextlib.ExitStack` given to :func:`later`): it
waits for a child that is done and terminates one whose value it no longer wants.

Examples
--------
>>> from contextlib import ExitStack
>>> with ExitStack() as stack:
...     total = later(stack, sum, [1, 2, 3], background=True, what="the sum")
...     total()
6
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from contextlib import ExitStack
from typing import TypeVar

from collabgraph.errors import ParameterError

__all__ = ["PROCESSES", "cpus", "later", "wanted"]

logger = logging.getLogger("collabgraph")

#: Environment variable: ``1`` computes everything in one process, ``2`` uses a second process for every piece
#: of work that can have one (whatever its size and the CPUs), ``auto`` (or unset) decides by size and CPUs.
PROCESSES = "COLLABGRAPH_PROCESSES"

T = TypeVar("T")
_FAILED = "failed"


def cpus() -> int:
    """The CPUs this process may run on (its affinity, where the system says; else all of them).

    >>> cpus() >= 1
    True
    """
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def wanted(size: int, threshold: int) -> bool:
    """Whether work of ``size`` goes to a second process: always with ``COLLABGRAPH_PROCESSES=2``, never
    with ``1``; otherwise (unset or ``auto``) from ``threshold`` on when this process may use 2 CPUs or more
    (below it the fork and the pickled value cost more than the overlap saves).

    Raises
    ------
    ParameterError
        When ``COLLABGRAPH_PROCESSES`` is set to something else.

    Examples
    --------
    >>> import os
    >>> os.environ[PROCESSES] = "1"
    >>> wanted(10**9, 1)
    False
    >>> os.environ[PROCESSES] = "2"
    >>> wanted(0, 1000)
    True
    >>> del os.environ[PROCESSES]
    """
    setting = os.environ.get(PROCESSES, "auto").strip() or "auto"
    if setting not in ("1", "2", "auto"):
        raise ParameterError(f"{PROCESSES} must be 1, 2 or auto; got {setting!r}.")
    if setting != "auto":
        return setting == "2"
    return size >= threshold and cpus() >= 2


def _child(writer, reader, function: Callable, args: tuple, kwargs: dict) -> None:
    """The child's whole life: the value (or that the function failed) through ``writer``, then exit."""
    for s in (signal.SIGINT, signal.SIGTERM):  # no Stopped, no cleanup of the parent's output: just end
        signal.signal(s, signal.SIG_DFL)
    reader.close()  # the parent's end: when the parent is gone, sending fails instead of waiting
    try:
        value = (function(*args, **kwargs),)
    except BaseException:  # the parent computes it again and raises the error there
        value = _FAILED
    try:
        writer.send(value)
    except OSError:  # the parent is gone (or stopped waiting): nothing to tell
        pass
    finally:
        writer.close()


def later(stack: ExitStack, function: Callable[..., T], /, *args, background: bool, what: str,
          **kwargs) -> Callable[[], T]:
    """Start ``function(*args, **kwargs)`` and return a function that waits for its value.

    Parameters
    ----------
    stack : ExitStack
        Ends the child on the way out: waits for it, or terminates it when its value was not taken.
    function
        The computation; it must not write files or to the terminal (its value comes back, nothing else).
    background : bool
        Compute it in a forked child (typically :func:`wanted`); False: when the returned function is called.
    what : str
        Its name in the log lines of a fallback (``"betweenness computed in this process: ..."``).

    Returns
    -------
    callable
        Returns the value, computed in the child or (without one, after a fallback) here; calling it again
        returns the same value.
    """
    def inline() -> T:
        return function(*args, **kwargs)

    process, reader = None, None
    if background:
        process, reader = _start(stack, function, args, kwargs, what)
    result: list = []

    def value() -> T:
        if not result:
            result.append(inline() if process is None else _wait(process, reader, inline, what))
        return result[0]

    return value


def _start(stack: ExitStack, function: Callable, args: tuple, kwargs: dict, what: str):
    """The child and the parent's end of its pipe, or ``(None, None)`` after a logged fallback."""
    if "fork" not in multiprocessing.get_all_start_methods():
        logger.info("%s computed in this process: this system cannot fork a second process", what)
        return None, None
    if multiprocessing.current_process().daemon:
        logger.info("%s computed in this process: a daemonic process may not start another", what)
        return None, None
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(writer, reader, function, args, kwargs), daemon=True,
                              name=f"collabgraph: {what}")
    for stream in (sys.stdout, sys.stderr):  # or the child would write what is still buffered again
        if stream is not None:
            stream.flush()
    try:
        process.start()
    except OSError as error:
        reader.close()
        writer.close()
        logger.warning("%s computed in this process: no second process could be started (%s)", what, error)
        return None, None
    writer.close()  # the child's end: when the child is gone, receiving ends (EOFError)

    def end() -> None:
        if process.exitcode is None and process.is_alive():  # its value is not wanted any more
            process.terminate()
        process.join()
        reader.close()

    stack.callback(end)
    return process, reader


def _wait(process, reader, inline: Callable, what: str):
    """The child's value; computed here when it stopped without one or its computation failed."""
    try:
        message = reader.recv()
    except (EOFError, OSError):
        message = None
    process.join()
    if message is None:
        logger.warning("%s computed in this process: the second process stopped (exit code %s)", what,
                       process.exitcode)
        return inline()
    if message == _FAILED:
        logger.info("%s computed in this process: its computation failed in the second process", what)
        return inline()  # raises the error here, with this process's traceback
    logger.debug("%s computed in a second process", what)
    return message[0]
