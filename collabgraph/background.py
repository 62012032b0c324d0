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
the parent's handlers alone remove a half-built output folder (:func:`collabgraph.outputs.stop_on_signals`); both
signals are blocked around the fork until the child has its handlers, so the parent's never run in the child.
Forking a process with threads copies only the forking thread: the libraries collabgraph calls in the child
restore their state after a fork (Arrow >= 11 re-initialises its thread pools, OpenBLAS its threads, Python's
logging its locks), and no collabgraph code holds a lock or a thread while it forks. The standard streams are
flushed before the fork, so the child repeats nothing the parent wrote.

It is computed in this process instead, with a line on the ``collabgraph`` logger, where ``fork`` is not
available (INFO), in a daemonic process (a multiprocessing worker may have no children; INFO), when no
child can be started (``OSError``: fork refused, no memory; WARNING) or when the child stops without a value
(killed, out of memory; WARNING). An error of the computation itself is raised as it is inline: the child
sends it back and the parent raises it, with the child's traceback as its cause (the data are not read and
validated twice); an error that does not pickle as it is, the parent meets by computing the value itself (INFO),
and so it does after a :class:`MemoryError` in the child (WARNING). A value or an error the child delivered is said
at DEBUG (``the map computed in a second process``), so every path is visible on the logger: the tests that
compare one process with two assert that the child delivered.
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

import contextlib
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import traceback
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
#: The signals that stop a command (:func:`collabgraph.outputs.stop_on_signals`); a child ends on them, quietly.
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


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


class _ChildTraceback(Exception):
    """The traceback of an error raised in the second process: the cause of the same error raised in the parent."""

    def __str__(self) -> str:
        return f'\n"""\n{self.args[0]}"""'


def _child(writer, reader, mask: set, function: Callable, args: tuple, kwargs: dict) -> None:
    """The child's whole life: its answer (:func:`_answer`) through ``writer``, then exit. ``mask``: the signal mask
    to restore once SIGINT and SIGTERM have their default handlers (the parent blocked them for the fork)."""
    for s in _SIGNALS:  # no Stopped, no cleanup of the parent's output: just end
        signal.signal(s, signal.SIG_DFL)
    # the caller's mask, with SIGINT and SIGTERM open whatever it held: one that came since the fork ends this process
    # now, and the parent's terminate() always can
    signal.pthread_sigmask(signal.SIG_SETMASK, set(mask) - set(_SIGNALS))
    reader.close()  # the parent's end: when the parent is gone, sending fails instead of waiting
    try:
        writer.send(_answer(function, args, kwargs))
    except OSError:  # the parent is gone (or stopped waiting): nothing to tell
        pass
    finally:
        writer.close()


def _answer(function: Callable, args: tuple, kwargs: dict) -> tuple:
    """What the child sends: ``("value", value)``; ``("error", error, traceback)`` when the computation raised an
    error that pickles as it is (the parent raises it); ``("failed", level, why)`` when the parent must compute it
    again, saying why at ``level`` (an error that does not pickle: INFO; a :class:`MemoryError`: WARNING, this
    process held the parent's memory too).

    >>> _answer(divmod, (7, 2), {})
    ('value', (3, 1))
    >>> _answer(divmod, (7, 0), {})[:2]
    ('error', ZeroDivisionError('integer division or modulo by zero'))
    """
    try:
        value = function(*args, **kwargs)
    except MemoryError:
        return _FAILED, logging.WARNING, "the second process ran out of memory"
    except Exception as error:
        trace = traceback.format_exc()
        if _pickles(error):
            return "error", error, trace
        return _FAILED, logging.INFO, f"its error in the second process cannot be sent back ({type(error).__name__})"
    except BaseException as error:  # SystemExit and the like: not an answer; the parent computes it and sees it there
        return _FAILED, logging.INFO, f"the second process was stopped ({type(error).__name__})"
    return "value", value


def _pickles(error: Exception) -> bool:
    """Whether ``error`` comes back from pickling as the same error: its type and its message.

    >>> _pickles(KeyError("a")), _pickles(ValueError(lambda: 1))
    (True, False)
    """
    try:
        copy = pickle.loads(pickle.dumps(error))
    except Exception:  # any error of pickling or unpickling: it does not come back
        return False
    return type(copy) is type(error) and str(copy) == str(error)


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
    result: list = []  # ("value", value) or ("error", the error raised): the second call gives the same

    def value() -> T:
        if not result:
            try:
                result.append(("value", inline() if process is None else _wait(process, reader, inline, what)))
            except Exception as error:
                result.append(("error", error))
        kind, answer = result[0]
        if kind == "error":
            raise answer
        return answer

    return value


def _start(stack: ExitStack, function: Callable, args: tuple, kwargs: dict, what: str):
    """The child and the parent's end of its pipe, or ``(None, None)`` after a logged fallback.

    SIGINT and SIGTERM are held from before the fork until the child has its own handlers (:func:`_child`
    unblocks them there) and, here, until the child is on ``stack`` (:func:`_signals_held`): a signal in between
    waits, so the parent's handler never runs in the child (a Stopped there would run the parent's cleanup, which
    removes the output), and here it stops the command with the child already on the way to be ended.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        logger.info("%s computed in this process: this system cannot fork a second process", what)
        return None, None
    if multiprocessing.current_process().daemon:
        logger.info("%s computed in this process: a daemonic process may not start another", what)
        return None, None
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    for stream in (sys.stdout, sys.stderr):  # or the child would write what is still buffered again
        if stream is not None:
            stream.flush()
    with _signals_held() as mask:
        process = context.Process(target=_child, args=(writer, reader, mask, function, args, kwargs), daemon=True,
                                  name=f"collabgraph: {what}")
        try:
            process.start()
        except OSError as error:
            reader.close()
            writer.close()
            logger.warning("%s computed in this process: no second process could be started (%s)", what, error)
            return None, None
        writer.close()  # the child's end: when the child is gone, receiving ends (EOFError)
        stack.callback(_end, process, reader)
    return process, reader


@contextlib.contextmanager
def _signals_held():
    """SIGINT and SIGTERM held: blocked in this thread (a child forked inside starts with them blocked; ``mask``, the
    mask to restore, is given) and, in the main thread, recorded instead of handled, for they may come through
    another thread (Arrow's and OpenBLAS's pools do not block them); on the way out the handlers are restored and
    each signal that came is handled as it would have been.
    """
    came: list[int] = []
    main = threading.current_thread() is threading.main_thread()
    held = [s for s in _SIGNALS if main and callable(signal.getsignal(s))]  # a handler of Python code
    handlers: dict = {}
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:  # from here on the mask and every handler swapped are restored, whatever comes
        for s in held:
            handlers[s] = signal.signal(s, lambda signum, frame: came.append(signum))
        yield mask
    finally:
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # one that waited in this thread comes now: recorded
        finally:
            for s, handler in handlers.items():
                signal.signal(s, handler)
        for s in came:  # each signal that came, handled as it would have been
            signal.raise_signal(s)


def _end(process, reader) -> None:
    """Wait for the child when it is done; terminate it first when its value is not wanted any more."""
    if process.exitcode is None and process.is_alive():
        process.terminate()
    process.join()
    reader.close()


def _wait(process, reader, inline: Callable, what: str):
    """The child's value, or its error raised here; computed here when it stopped without either or could not
    send it (:func:`_answer`)."""
    try:
        message = reader.recv()
    except (EOFError, OSError):
        message = None
    process.join()
    if message is None:
        logger.warning("%s computed in this process: the second process stopped (exit code %s)", what,
                       process.exitcode)
        return inline()
    kind, *answer = message
    if kind == _FAILED:
        level, why = answer
        logger.log(level, "%s computed in this process: %s", what, why)
        return inline()  # an error is raised here, with this process's traceback
    if kind == "error":
        error, trace = answer
        logger.debug("%s computed in a second process: its error (%s) is raised here", what, type(error).__name__)
        raise error from _ChildTraceback(trace)
    logger.debug("%s computed in a second process", what)
    return answer[0]
