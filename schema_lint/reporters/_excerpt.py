"""One source line made fit for a terminal, with where the caret goes under it.

Positions are measured in terminal cells, not characters: a tab jumps to the next stop and
wide (CJK, emoji) characters take two cells, so the caret stays under the key.
"""

from __future__ import annotations

import re
import unicodedata

MAX_WIDTH = 200
TAB_WIDTH = 4
ELLIPSIS = "…"
_PLAIN = re.compile(r"[ -~]*")  # printable ASCII: one cell per character, nothing to replace


def _cells(line: str) -> tuple[list[str], list[int]]:
    """Each character as printed, and the cell each one starts at (plus the end)."""
    if _PLAIN.fullmatch(line):
        return list(line), list(range(len(line) + 1))
    shown: list[str] = []
    starts = [0]
    for char in line:
        if char == "\t":
            text = " " * (TAB_WIDTH - starts[-1] % TAB_WIDTH)
        elif unicodedata.category(char) in ("Cc", "Cs"):
            text = "\ufffd"  # a raw control character could rewrite the terminal
        else:
            text = char
        width = len(text) if char == "\t" else _width(text)
        shown.append(text)
        starts.append(starts[-1] + width)
    return shown, starts


def _width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def excerpt(line: str, column: int, end_column: int | None) -> tuple[str, int, int]:
    """(text to print, caret offset, caret width >= 1) for 1-based `column`..`end_column`.

    `end_column` is exclusive; None means the span runs past the end of this line. Only a
    slice of the line around the column is measured, so a report on a minified line with
    thousands of findings costs the same per finding as one on a short line.
    """
    first = min(max(column - 1, 0), len(line))
    # A character takes at least one cell (but for combining marks), so these characters
    # fill the window: the start of the line when the column is in the first window's
    # width, else half a window before the column, and a whole window after it.
    low = 0 if first <= MAX_WIDTH else first - MAX_WIDTH // 2
    high = first + MAX_WIDTH
    window = line[low:high]
    end = None if end_column is None else end_column - low
    return _fit(window, first - low + 1, end, cut_left=low > 0, cut_right=high < len(line))


def _fit(
    line: str, column: int, end_column: int | None, cut_left: bool, cut_right: bool
) -> tuple[str, int, int]:
    shown, starts = _cells(line)
    count = len(shown)
    first = min(max(column - 1, 0), count)
    last = count if end_column is None else min(max(end_column - 1, first), count)
    begin = 0
    if starts[first] >= MAX_WIDTH:
        # Scroll so the caret lands mid-window rather than off the right edge.
        target = starts[first] - MAX_WIDTH // 2
        begin = next(i for i in range(count + 1) if starts[i] >= target)
    end = begin
    while end < count and starts[end + 1] - starts[begin] <= MAX_WIDTH:
        end += 1
    prefix = ELLIPSIS if begin or cut_left else ""
    suffix = ELLIPSIS if end < count or cut_right else ""
    text = prefix + "".join(shown[begin:end]) + suffix
    offset = len(prefix) + starts[first] - starts[begin]
    width = max(1, starts[min(last, end)] - starts[first])
    return text, offset, width
