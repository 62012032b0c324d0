"""A minimal progress bar on stderr for long stages (shown only when stderr is a terminal).

:func:`collabgraph.analysis.analyze` reports each stage through a :class:`Progress`; the CLI turns
it on for text output in a terminal, never in JSON mode or when stderr is piped, so machine
output and logs stay clean.

Examples
--------
>>> import io
>>> stream = io.StringIO()
>>> with Progress(2, enabled=True, stream=stream) as bar:
...     bar.step("mixing")
...     bar.step("brokerage")
>>> stream.getvalue().splitlines()[-1].strip()
'[##############################] 2/2 brokerage'
>>> with Progress(2, stream=stream) as quiet:  # not a terminal: nothing is written
...     quiet.step("mixing")
"""

from __future__ import annotations

import sys
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Count ``total`` stages and redraw one line ``[####....] k/total label`` on ``stream``.

    Parameters
    ----------
    total : int
        Number of stages.
    enabled : bool or None
        Draw the bar; ``None`` (default) draws it only when ``stream`` is a terminal.
    stream : file, optional
        Where to draw (default ``sys.stderr``).
    width : int
        Characters of the bar.
    """

    def __init__(self, total: int, *, enabled: bool | None = None, stream: TextIO | None = None,
                 width: int = 30):
        self.stream = sys.stderr if stream is None else stream
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.total = max(int(total), 1)
        self.width = width
        self.done = 0
        self.closed = False

    def add(self, stages: int) -> None:
        """Count ``stages`` more stages (a command that learns how many steps its work takes once it has begun).

        >>> bar = Progress(2, enabled=False)
        >>> bar.add(3)
        >>> bar.total
        5
        """
        self.total += int(stages)

    def step(self, label: str) -> None:
        """Mark one more stage as done and show ``label`` (nothing is drawn once the bar is closed)."""
        self.done = min(self.done + 1, self.total)
        if self.enabled and not self.closed:
            filled = round(self.width * self.done / self.total)
            bar = "#" * filled + "." * (self.width - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} {label}".ljust(self.width + 40))
            self.stream.flush()

    def close(self) -> None:
        """End the bar's line, once, so what is written next starts on a line of its own.

        >>> import io
        >>> stream = io.StringIO()
        >>> with Progress(1, enabled=True, stream=stream) as bar:
        ...     bar.step("read")
        ...     bar.close()  # before the output; leaving the block adds nothing
        >>> stream.getvalue().count("\\n")
        1
        """
        if self.enabled and not self.closed:
            self.stream.write("\n")
            self.stream.flush()
        self.closed = True

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
