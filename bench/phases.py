"""Where a serial cold run's time goes, phase by phase, in one process (CPU time).

    python bench/phases.py REPO

Prints JSON: the interpreter's start, imports, config, listing, reading, the prefilter, and
parsing (the whole of each candidate file, then only the statements holding a hit, as
`scanners.partial` does) and extraction of the code candidates. Run by run.py in a child
process, so that the imports are measured cold.
"""

from __future__ import annotations

import json
import sys
import time

STARTED = time.process_time()  # the interpreter's own start-up comes before this line

from pathlib import Path  # noqa: E402

import partial_parse as part  # noqa: E402

import schema_lint.cli  # noqa: E402  (what `schema-lint check` imports first)
import schema_lint.engine  # noqa: E402, F401

IMPORTED = time.process_time()


def main(repo: Path) -> dict[str, float | int]:
    from schema_lint import pool, scan
    from schema_lint.config import load_settings
    from schema_lint.discovery import discover
    from schema_lint.model import PAYLOAD_KEY
    from schema_lint.scanners import GRAMMARS, extractor_class, parser
    from schema_lint.scanners.source import Source, prepare

    marks = {"imports": IMPORTED - STARTED}
    clock = time.process_time()

    def mark(name: str) -> None:
        nonlocal clock
        now = time.process_time()
        marks[name] = marks.get(name, 0.0) + now - clock
        clock = now

    settings = load_settings([repo], cwd=repo)
    mark("config")
    files = discover(settings).files
    mark("listing (git ls-files, excludes, stat)")
    datas = [(file, pool.read_file(file)) for file in files]
    mark("reading")
    triage = scan._Triage(scan.context_for(settings))
    jobs = [(f, d) for f, d in datas if isinstance(d, bytes) and triage.quick_scan(f, d) is None]
    mark("prefilter")
    code = [(f, prepare(d, f.language == "python")) for f, d in jobs if f.language in GRAMMARS]
    mark("decoding")
    for file, data in code:
        parser(file.language).parse(data)
    mark("parse, whole files")
    ctx = scan.context_for(settings)
    ranges = []
    for file, data in code:
        hits = part.word_hits(data, [*(s.name for s in ctx.signatures), PAYLOAD_KEY])
        python = file.language == "python"
        found = part.statement_ranges(data, hits, python)
        ranges.append((file, data, found))
    mark("parse only statements with a hit: finding them")
    for file, data, found in ranges:
        if found is not None:
            part.parse(parser(file.language), data, found)
        else:
            parser(file.language).parse(data)
    mark("parse only statements with a hit: parsing")
    for file, data, _ in ranges:
        tree = parser(file.language).parse(data)
        row = GRAMMARS[file.language]
        extractor_class(file.language)(Source(data), tree, settings.signatures, row).run()
    mark("parse whole + extract (for extraction alone: minus the whole parse)")
    result: dict[str, float | int] = {key: round(value, 4) for key, value in marks.items()}
    result["files"] = len(files)
    result["candidates"] = len(jobs)
    result["code candidates"] = len(code)
    result["code candidate MB"] = round(sum(len(d) for _, d in code) / 1e6, 2)
    result["parts"] = sum(1 for *_, found in ranges if found is not None)
    return result


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]).resolve())))
