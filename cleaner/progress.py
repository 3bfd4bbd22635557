"""A progress bar on stderr (tqdm), and messages that do not tear it.

A bar is drawn only when stderr is a terminal, ``--quiet`` is not given and the
work lasts longer than :data:`DELAY` seconds; piped or redirected runs never see
one. A records bar has no known total, so it estimates one from the share of
the file's bytes read so far (which gives tqdm its ETA). All messages go
through :func:`echo`, which clears a bar, prints, and lets it redraw.
"""

from __future__ import annotations

import os
import sys
import time
import click

DELAY = 1.0  # seconds before a bar appears: short runs show none
_active: list = []


def wanted(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


class Bar:
    """``update(n)`` and ``close()``; does nothing when disabled."""

    def __init__(self, enabled: bool, unit: str, total: int | None = None, desc: str | None = None,
                 size: int = 0):
        self.size, self.t = size, None
        if not enabled:
            return
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread (worker processes are forked later)
        # follow the terminal's size; a pty that reports 0x0 (script, some CI runners)
        # would get no bar at all from tqdm, so assume 80x24 there
        width = {"dynamic_ncols": True} if _has_size() else {"ncols": 80, "nrows": 24}
        self.t = tqdm(total=total, unit=unit, desc=desc, delay=DELAY, file=sys.stderr,
                      leave=not _active, position=len(_active), **width,
                      bar_format=None if total or size else "{desc}: {n_fmt} {unit} [{elapsed}, {rate_fmt}]")
        _active.append(self.t)

    def update(self, n: int = 1, done: int = 0) -> None:
        """Count *n* more; *done* is how many of the input's *size* bytes they took."""
        if self.t is None:
            return
        if self.size and done:  # records so far, scaled by the share of bytes they took
            self.t.total = max(self.t.n + n, round((self.t.n + n) * self.size / done))
        self.t.update(n)

    def close(self) -> None:
        if self.t is not None:
            _active.remove(self.t)
            self.t.close()
            self.t = None

    def __enter__(self) -> "Bar":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _has_size() -> bool:
    try:
        return all(os.get_terminal_size(sys.stderr.fileno()))
    except (OSError, ValueError):
        return False


def echo(message: str, err: bool = True) -> None:
    """Print a line on stderr (or stdout) without tearing an active bar."""
    if any(time.time() - t.start_t >= t.delay for t in _active):  # a bar is (due to be) on screen
        from tqdm import tqdm

        tqdm.write(message, file=sys.stderr if err else sys.stdout)
    else:
        click.echo(message, err=err)
