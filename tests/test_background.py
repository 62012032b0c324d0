"""The second process of collabgraph.background: same value as inline, every fallback forced, the child ended."""

from __future__ import annotations

import contextlib
import errno
import logging
import multiprocessing
import os
import signal
import threading
import time
from contextlib import ExitStack

import pytest

from collabgraph import background
from collabgraph.background import PROCESSES, later, wanted
from collabgraph.errors import ParameterError
from collabgraph.outputs import Stopped, stop_on_signals

PARENT = os.getpid()


def _where(x):
    """``x`` squared and the process that computed it."""
    return x * x, os.getpid()


def _dies_in_a_child(x):
    if os.getpid() != PARENT:
        os._exit(3)
    return _where(x)


def _fails_in_a_child(x):
    if os.getpid() != PARENT:
        raise KeyError("only in the child")
    return _where(x)


def _fails(x):
    return 1 / 0


def _sleeps(seconds):
    time.sleep(seconds)
    return seconds


@pytest.fixture
def lines(caplog):
    """The (level, message) lines the background module logs."""
    caplog.set_level(logging.INFO, logger="collabgraph")
    return lambda: [(r.levelname, r.getMessage()) for r in caplog.records]


def test_in_a_second_process_the_value_is_the_same(second_process):
    with ExitStack() as stack:
        value = later(stack, _where, 7, background=True, what="the square")
        square, pid = value()
    assert square == 49 and pid != PARENT
    assert value() == (49, pid)  # the same value again, nothing recomputed
    assert second_process() == ({"the square"}, [])  # said at DEBUG, once
    with ExitStack() as stack:
        assert later(stack, _where, 7, background=False, what="the square")() == (49, PARENT)
    assert second_process() == (set(), [])


def test_the_child_is_ended_on_the_way_out_when_its_value_is_not_taken():
    with ExitStack() as stack:
        later(stack, _sleeps, 60, background=True, what="a nap")
        [child] = multiprocessing.active_children()
    assert child.exitcode == -signal.SIGTERM  # terminated, and joined: no zombie left
    assert multiprocessing.active_children() == []


def test_the_child_is_ended_when_the_parent_raises():
    with pytest.raises(RuntimeError), ExitStack() as stack:
        later(stack, _sleeps, 60, background=True, what="a nap")
        raise RuntimeError("stopped")
    assert multiprocessing.active_children() == []


def test_the_child_dies_quietly_on_sigint(capfd):
    # Ctrl-C reaches the whole process group: the child ends without a traceback or a Stopped of its own
    with ExitStack() as stack:
        value = later(stack, _sleeps, 60, background=True, what="a nap")
        [child] = multiprocessing.active_children()
        time.sleep(0.2)  # in the nap
        os.kill(child.pid, signal.SIGINT)
        child.join(30)
        assert child.exitcode == -signal.SIGINT
        del value  # not taken: it would be computed here (a minute)
    assert capfd.readouterr().err == ""


def test_computed_here_when_the_child_dies(lines):
    with ExitStack() as stack:
        assert later(stack, _dies_in_a_child, 5, background=True, what="the square")() == (25, PARENT)
    assert lines() == [("WARNING", "the square computed in this process: the second process stopped (exit code 3)")]


def test_an_error_of_the_computation_is_raised_here_as_the_child_raised_it(second_process):
    # sent back through the pipe, not computed again here: the child's traceback is its cause
    with ExitStack() as stack:
        value = later(stack, _fails, 5, background=True, what="the square")
        with pytest.raises(ZeroDivisionError, match="^division by zero$") as raised:
            value()
    assert "in _fails\n    return 1 / 0" in str(raised.value.__cause__)
    assert second_process() == ({"the square"}, [])  # delivered by the child (its error), nothing computed here


def test_an_error_only_the_child_meets_is_raised_here(second_process):
    with ExitStack() as stack:
        value = later(stack, _fails_in_a_child, 5, background=True, what="the square")
        with pytest.raises(KeyError, match="only in the child"):
            value()
    assert second_process() == ({"the square"}, [])


def test_invalid_data_read_in_the_child_raise_the_same_validation_error_here(tmp_path, second_process):
    # the read and validation of the data are not done again here: the error keeps its issues, counts and report
    from collabgraph.errors import ValidationError
    from collabgraph.io import read_dataset, validate

    (tmp_path / "people.csv").write_text("id,name\na,Ann\na,Bo\n")
    (tmp_path / "interactions.csv").write_text("source,target,date\na,b,2021-13-45\n")
    with pytest.raises(ValidationError) as inline:
        validate(read_dataset(tmp_path))
    with ExitStack() as stack:
        value = later(stack, lambda: validate(read_dataset(tmp_path)), background=True, what="the data")
        with pytest.raises(ValidationError) as forked:
            value()
    assert second_process() == ({"the data"}, [])
    assert str(forked.value) == str(inline.value) and forked.value.issues == inline.value.issues
    assert forked.value.counts == inline.value.counts and forked.value.report.issues == inline.value.report.issues


class _Unpicklable(Exception):
    """An error whose copy through pickle is not the same (it holds a lock)."""

    def __init__(self):
        super().__init__(threading.Lock())


def _fails_unpicklably_in_a_child(x):
    if os.getpid() != PARENT:
        raise _Unpicklable()
    return _where(x)


def _runs_out_of_memory_in_a_child(x):
    if os.getpid() != PARENT:
        raise MemoryError()
    return _where(x)


def test_an_error_that_does_not_pickle_leaves_the_computation_to_this_process(lines):
    with ExitStack() as stack:
        assert later(stack, _fails_unpicklably_in_a_child, 5, background=True, what="the square")() == (25, PARENT)
    assert lines() == [("INFO", "the square computed in this process: its error in the second process cannot be sent "
                                "back (_Unpicklable)")]


def test_out_of_memory_in_the_child_leaves_the_computation_to_this_process(lines):
    with ExitStack() as stack:
        assert later(stack, _runs_out_of_memory_in_a_child, 5, background=True, what="the square")() == (25, PARENT)
    assert lines() == [("WARNING", "the square computed in this process: the second process ran out of memory")]


def test_computed_here_when_no_process_can_be_forked(monkeypatch, lines):
    def refuse():
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    with ExitStack() as stack:
        assert later(stack, _where, 5, background=True, what="the square")() == (25, PARENT)
    assert lines() == [("WARNING", "the square computed in this process: no second process could be started "
                                   "([Errno 11] Resource temporarily unavailable)")]


def test_computed_here_where_the_system_cannot_fork(monkeypatch, lines):
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    with ExitStack() as stack:
        assert later(stack, _where, 5, background=True, what="the square")() == (25, PARENT)
    assert lines() == [("INFO", "the square computed in this process: this system cannot fork a second process")]


@pytest.mark.parametrize(("setting", "cpus", "size", "expected"), [
    (None, 2, 1000, True), (None, 2, 999, False), (None, 1, 10**6, False), ("auto", 4, 1000, True),
    ("", 2, 1000, True), ("1", 8, 10**6, False), ("2", 1, 0, True)])
def test_wanted_by_size_cpus_and_the_environment(monkeypatch, setting, cpus, size, expected):
    monkeypatch.setattr(background, "cpus", lambda: cpus)
    if setting is None:
        monkeypatch.delenv(PROCESSES, raising=False)
    else:
        monkeypatch.setenv(PROCESSES, setting)
    assert wanted(size, 1000) is expected


def test_a_bad_setting_says_the_rule_and_the_value(monkeypatch):
    monkeypatch.setenv(PROCESSES, "many")
    with pytest.raises(ParameterError, match=r"^COLLABGRAPH_PROCESSES must be 1, 2 or auto; got 'many'\.$"):
        wanted(10, 1)


def test_cpus_is_this_process_affinity():
    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert background.cpus() == expected


# ---- SIGINT and SIGTERM around the fork: blocked until the child has its own handlers ----

SIGNALS = {signal.SIGINT, signal.SIGTERM}


def _mask_and_handlers():
    """This process's blocked signals and its SIGINT and SIGTERM handlers (the child's, when run there)."""
    return (signal.pthread_sigmask(signal.SIG_BLOCK, []), signal.getsignal(signal.SIGINT),
            signal.getsignal(signal.SIGTERM))


def _forking(monkeypatch, in_parent=None, in_child=None):
    """os.fork, which also records the blocked signals and the child's pid, and runs ``in_parent(pid)`` and
    ``in_child()`` right after the fork (before multiprocessing goes on with the child)."""
    fork, seen = os.fork, []

    def recorded():
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, [])
        pid = fork()
        if pid == 0 and in_child is not None:
            in_child()
        elif pid:
            seen.append((pid, blocked))
            if in_parent is not None:
                in_parent(pid)
        return pid

    monkeypatch.setattr(os, "fork", recorded)
    return seen


def test_the_signals_are_blocked_around_the_fork_and_only_there(monkeypatch):
    seen = _forking(monkeypatch)
    before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    with ExitStack() as stack:
        value = later(stack, _mask_and_handlers, background=True, what="the mask")
        assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == before  # restored here once the child is started
        mask, sigint, sigterm = value()
    [(_, blocked)] = seen
    assert blocked >= SIGNALS and not SIGNALS & before  # blocked while forking, not before or after
    assert (mask, sigint, sigterm) == (before, signal.SIG_DFL, signal.SIG_DFL)  # the child: its own, unblocked


def test_a_signal_right_after_the_fork_ends_the_child_without_the_parent_handler(monkeypatch, lines):
    # the parent's handler (a Stopped) would run the parent's cleanup in the child; it exits 99 here if it ran
    def terminated():
        try:
            os.kill(os.getpid(), signal.SIGTERM)
        except BaseException:
            os._exit(99)

    _forking(monkeypatch, in_child=terminated)
    with stop_on_signals(), ExitStack() as stack:
        assert later(stack, _where, 5, background=True, what="the square")() == (25, PARENT)
    assert lines() == [("WARNING", f"the square computed in this process: the second process stopped (exit code "
                                   f"{-signal.SIGTERM})")]


def test_a_signal_to_the_parent_right_after_the_fork_leaves_no_child(monkeypatch):
    seen = _forking(monkeypatch, in_parent=lambda pid: signal.pthread_kill(threading.get_ident(), signal.SIGTERM))
    try:
        with pytest.raises(Stopped), stop_on_signals(), ExitStack() as stack:
            later(stack, _sleeps, 60, background=True, what="a nap")
        [(pid, _)] = seen
        with pytest.raises(ChildProcessError):  # ended and waited for: no child, no zombie
            os.waitpid(pid, os.WNOHANG)
    finally:
        for pid, _ in seen:  # a child left behind (the test failed): ended here
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)


def test_an_error_is_raised_again_on_the_second_call_without_computing_again(caplog):
    calls = []

    def fails():
        calls.append(1)
        raise ZeroDivisionError("no")

    for in_child in (False, True):
        calls.clear()
        with ExitStack() as stack, caplog.at_level(logging.DEBUG, logger="collabgraph"):
            value = later(stack, fails, background=in_child, what="a failure")
            for _ in range(2):
                with pytest.raises(ZeroDivisionError):
                    value()
        assert calls == ([] if in_child else [1])  # the child's computation is not counted here
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
        caplog.clear()


def test_the_child_can_be_ended_when_the_caller_blocks_sigterm():
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        start = time.perf_counter()
        with ExitStack() as stack:
            later(stack, time.sleep, 30, background=True, what="a nap")  # not wanted: terminated on the way out
        assert time.perf_counter() - start < 10
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
    assert signal.pthread_sigmask(signal.SIG_BLOCK, set()) == old


def test_a_system_exit_in_the_child_is_computed_here_quietly(caplog):
    def leaves():
        raise SystemExit(4)

    with ExitStack() as stack, caplog.at_level(logging.INFO, logger="collabgraph"):
        value = later(stack, leaves, background=True, what="an exit")
        with pytest.raises(SystemExit):
            value()
    assert [r.levelno for r in caplog.records] == [logging.INFO]
