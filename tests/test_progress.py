"""The progress bar of `lock --from-events`."""

from __future__ import annotations

from pathlib import Path


def test_progress_bar_only_when_enabled(tmp_path: Path) -> None:
    import io

    from schema_lint.progress import Progress

    (tmp_path / "e.jsonl").write_text("{}\n" * 10)
    for enabled in (True, False):
        stream = io.StringIO()
        progress = Progress(stream, enabled)
        tick = progress.for_file(str(tmp_path / "e.jsonl"))
        assert (tick is not None) is enabled
        if tick is not None:
            tick(30)
            progress.say("line")
            assert stream.getvalue().endswith("100%\r\x1b[Kline\n")
        assert progress.for_file("-") is None
