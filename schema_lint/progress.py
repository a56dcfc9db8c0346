"""A progress bar on standard error, only when it is a terminal (never in logs or CI)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TextIO

WIDTH = 30
EVERY = 0.1  # seconds between redraws


class Progress:
    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.drawn = False

    def for_file(self, name: str) -> Callable[[int], None] | None:
        """A callback counting the bytes read of `name`; None when there is nothing to draw."""
        if not self.enabled or name == "-":
            return None
        try:
            total = max(os.path.getsize(name), 1)
        except OSError:
            return None
        done, last = 0, 0.0

        def tick(count: int) -> None:
            nonlocal done, last
            done += count
            now = time.monotonic()
            if now - last >= EVERY or done >= total:
                last = now
                filled = WIDTH * min(done, total) // total
                bar = "#" * filled + "-" * (WIDTH - filled)
                self.stream.write(f"\r{name} [{bar}] {100 * min(done, total) // total:3d}%")
                self.stream.flush()
                self.drawn = True

        return tick

    def say(self, line: str) -> None:
        """A message line that does not run into the bar."""
        self.clear()
        self.stream.write(line + "\n")

    def clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.drawn = False
