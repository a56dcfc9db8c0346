"""Wrapper discovery: the switch, the listing, and import resolution."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schema_lint import pool
from schema_lint.config import load_settings
from schema_lint.discovery import discover
from schema_lint.rescan import rescan
from schema_lint.scan import scan_files
from schema_lint.wrappers import listed, resolves
from tests.conftest import copy_project, run_cli

PROJECT = Path(__file__).parent / "cases" / "wrappers" / "project"


def test_wrappers_false_turns_discovery_off(tmp_path: Path) -> None:
    project = copy_project(PROJECT, tmp_path / "project")
    config = project / ".schema-lint.yaml"
    config.write_text(config.read_text() + "wrappers: false\n")
    result = run_cli(["check", "--no-cache", "--format", "text", "--select", "SL001"], project)
    found = [line.split(" ")[0] for line in result.stdout.splitlines() if " SL001 " in line]
    # only the calls written against the SDK itself remain
    assert found == ["web/lib/analytics.ts:3:37:"]


def test_discovered_wrappers_are_listed_with_file_and_line(tmp_path: Path) -> None:
    project = copy_project(PROJECT, tmp_path / "project")
    settings = load_settings([], cwd=project)
    files = discover(settings, []).files
    scans = rescan(settings, files, scan_files(settings, files, use_cache=False).scans)
    assert listed(scans) == [
        "api/services/analytics.service.ts:10: AnalyticsService.track(EVENT, _, METADATA) (events)",
        "py/app/analytics.py:10: track_event(user_id, event=EVENT, properties=METADATA) (events)",
        "py/app/analytics.py:19: Tracker.send(name=EVENT, *, data=METADATA) (events)",
        "web/lib/analytics.ts:2: trackEvent(EVENT, METADATA) (events)",
        "web/lib/server.ts:6: capture(_, {event: EVENT, properties: METADATA}) (events)",
        "web/lib/track.ts:4: track(EVENT, METADATA) (events)",
    ]


@pytest.mark.parametrize(
    ("importer", "module", "target", "language", "expected"),
    [
        ("web/pages/a.ts", "../lib/analytics", "web/lib/analytics.ts", "js", True),
        ("web/pages/a.ts", "./analytics", "web/lib/analytics.ts", "js", False),
        ("web/pages/a.ts", "../lib", "web/lib/index.ts", "js", True),
        ("web/pages/a.ts", "@/lib/analytics", "web/src/lib/analytics.ts", "js", True),
        ("web/pages/a.ts", "~/lib/analytics", "web/src/lib/analytics.tsx", "js", True),
        ("web/pages/a.ts", "posthog-node", "web/lib/analytics.ts", "js", False),
        ("app/views.py", ".analytics", "app/analytics.py", "python", True),
        ("app/sub/views.py", "..analytics", "app/analytics.py", "python", True),
        ("app/views.py", ".analytics", "other/analytics.py", "python", False),
        ("api/plane/app/v.py", "plane.bgtasks.task", "api/plane/bgtasks/task.py", "python", True),
        ("x.py", "app.analytics", "app/analytics/__init__.py", "python", True),
        ("x.py", "app.analytics", "myapp/analytics.py", "python", False),
    ],
)
def test_resolves(importer: str, module: str, target: str, language: str, expected: bool) -> None:
    assert resolves(importer, module, target, language) is expected


def test_unreadable_metadata_counts_in_statistics(tmp_path: Path) -> None:
    project = copy_project(PROJECT, tmp_path / "project")
    result = run_cli(["check", "--no-cache", "--select", "SL007", "--statistics"], project)
    # a call result (home.tsx) and a parameter of a lambda, which is no wrapper (analytics.py)
    assert result.stdout.split() == ["2", "SL007", "dynamic-value"]


def test_show_settings_lists_the_wrappers(tmp_path: Path) -> None:
    project = copy_project(PROJECT, tmp_path / "project")
    shown = run_cli(["check", "--show-settings", "--no-cache"], project).stdout
    assert "wrappers: 6\n  api/services/analytics.service.ts:10: AnalyticsService.track(" in shown
    (project / ".schema-lint.yaml").write_text("presets: [posthog]\nwrappers: false\n")
    assert run_cli(["check", "--show-settings"], project).stdout.endswith("wrappers: off\n")


_SEGMENT = st.text(alphabet="abcxyz_", min_size=1, max_size=6)


@given(
    importer=st.lists(_SEGMENT, min_size=0, max_size=4),
    target=st.lists(_SEGMENT, min_size=1, max_size=4),
    suffix=st.sampled_from([".ts", ".tsx", ".js", ".mjs"]),
)
def test_a_relative_import_resolves_to_its_file(
    importer: list[str], target: list[str], suffix: str
) -> None:
    """`../../lib/analytics` written from any file names the file it points at."""
    importer_path = "/".join([*importer, "page.ts"])
    target_path = "/".join(target) + suffix
    module = posixpath.relpath("/".join(target), posixpath.dirname(importer_path) or ".")
    module = module if module.startswith(".") else f"./{module}"
    assert resolves(importer_path, module, target_path, "js")
    assert not resolves(importer_path, module, "other/" + target_path, "js")


CALLBACK = """import posthog from 'posthog-js';
const run = (cb: (p: typeof posthog) => void) => cb(posthog);
export const direct = (id: string, properties: Record<string, unknown> = {}) => {
  posthog.identify(id, properties);
};
export const inCallback = (id: string, properties: Record<string, unknown> = {}) => {
  run((posthog) => posthog.identify(id, properties));
};
export const shadowed = (id: string, properties: Record<string, unknown>) => {
  [{ 'x.y': 1 }].forEach((properties) => posthog.identify(id, properties));
};
direct('u1', { 'a.b': 1 });
inCallback('u2', { 'c.d': 1 });
shadowed('u3', { 'e.f': 1 });
"""


def test_a_call_in_an_unnamed_callback_belongs_to_the_function_around_it(
    tmp_path: Path,
) -> None:
    (tmp_path / ".schema-lint.yaml").write_text("presets: [posthog]\n")
    (tmp_path / "a.ts").write_text(CALLBACK)
    result = run_cli(["check", "--no-cache", "--format", "text", "--select", "SL001"], tmp_path)
    keys = [line.split("`")[1] for line in result.stdout.splitlines() if " SL001 " in line]
    # `shadowed` is no wrapper: its callback's own `properties` is what is sent
    assert keys == ["a.b", "c.d"]


def test_the_second_pass_gives_the_same_findings_in_the_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many files calling a wrapper from another file are scanned again in processes: the
    findings are those of one process."""
    project = copy_project(PROJECT, tmp_path / "project")
    for index in range(6):  # more callers of the imported wrapper than one chunk holds
        (project / f"web/pages/extra{index}.ts").write_text(
            "import { trackEvent } from '../lib/analytics';\n"
            f"export const go{index} = () => trackEvent('E{index}', {{ 'k.{index}': {index} }});\n"
            + "// filler\n" * 40
        )
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(pool, "CHUNK_BYTES", 600)
    started: list[int] = []
    original = pool.Runner._start_pool

    def spy(self: pool.Runner, languages: set[str]) -> None:
        started.append(len(languages))
        original(self, languages)

    monkeypatch.setattr(pool.Runner, "_start_pool", spy)
    command = ["check", "--no-cache", "--format", "json", "--exit-zero"]
    serial = run_cli(command, project, {pool.WORKERS_ENV: "1"}).stdout
    assert started == []
    parallel = run_cli(command, project, {pool.WORKERS_ENV: "2"}).stdout
    assert len(started) == 2  # the first pass and the second
    assert parallel == serial
    assert all(f"extra{index}.ts" in serial for index in range(6))
