"""`catalog --diff-against REF` in a real git repository: read from git's objects only."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli

CONFIG = "presets: [moesif]\nexclude: [vendored]\n"
BEFORE = "moesif.track('Signed Up', {plan: 'pro', seats: 3});\n"
AFTER = (
    "moesif.track('Signed Up', {plan: 'pro', seats: '3'});\n"
    "moesif.track('Upgraded', {plan: 'team', coupon: 'X'});\n"
)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "vendored").mkdir(parents=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "dev@example.com")
    git(repo, "config", "user.name", "Dev")
    (repo / ".schema-lint.yaml").write_text(CONFIG)
    (repo / "app.js").write_text(BEFORE)
    # excluded by the config: must not count as "before" either
    (repo / "vendored" / "lib.js").write_text("moesif.track('Upgraded', {coupon: 1});\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    git(repo, "tag", "v1")
    (repo / "app.js").write_text(AFTER)
    return repo


def test_json_lists_new_events_new_keys_and_type_changes(repo: Path) -> None:
    result = run_cli(["catalog", "--no-cache", "--format", "json", "--diff-against", "v1"], repo)
    assert result.exit_code == 0, result.stderr
    diff = json.loads(result.stdout)
    assert diff["against"] == "v1"
    assert [(e["namespace"], e["name"]) for e in diff["new_events"]] == [("events", "Upgraded")]
    assert [(k["key"], k["types"]) for k in diff["new_keys"]] == [("coupon", ["string"])]
    assert diff["changed_types"] == [
        {"namespace": "events", "key": "seats", "before": ["number"], "after": ["string"]}
    ]


def test_markdown_for_a_pull_request_comment(repo: Path) -> None:
    result = run_cli(["catalog", "--no-cache", "--diff-against", "HEAD"], repo)
    assert result.stdout == (
        "## Tracking plan changes against `HEAD`\n"
        "\n"
        "### New events\n"
        "\n"
        "| namespace | event | sent at |\n"
        "| --- | --- | --- |\n"
        "| `events` | Upgraded | `app.js:2:14` |\n"
        "\n"
        "### New keys\n"
        "\n"
        "| namespace | key | sent as | status |\n"
        "| --- | --- | --- | --- |\n"
        "| `events` | `coupon` | `string` | new |\n"
        "\n"
        "### Keys whose type changed\n"
        "\n"
        "| namespace | key | before | now |\n"
        "| --- | --- | --- | --- |\n"
        "| `events` | `seats` | `number` | `string` |\n"
    )


def test_no_checkout_happens_and_an_unchanged_tree_has_no_changes(repo: Path) -> None:
    git(repo, "commit", "-q", "-am", "second")
    (repo / "app.js").write_text("")  # the work tree is what is compared, never touched
    result = run_cli(["catalog", "--no-cache", "--diff-against", "HEAD~1"], repo)
    assert "No new events, no new keys, no type changes." in result.stdout
    assert (repo / "app.js").read_text() == ""
    assert git(repo, "status", "--porcelain") == " M app.js\n"


def test_paths_limit_both_sides(repo: Path) -> None:
    (repo / "web").mkdir()
    (repo / "web" / "new.js").write_text("moesif.track('Web', {w: 1});\n")
    result = run_cli(
        ["catalog", "--no-cache", "--format", "json", "--diff-against", "v1", "web"], repo
    )
    diff = json.loads(result.stdout)
    assert [e["name"] for e in diff["new_events"]] == ["Web"]
    assert [k["key"] for k in diff["new_keys"]] == ["w"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--diff-against", "no-such-ref"], "schema-lint: error: no-such-ref: not a git revision"),
        (["--diff-against", "--help"], "schema-lint: error: --help: not a git revision"),
        (["--diff-against", "HEAD", "--format", "html"], "schema-lint: error: --diff-against has"),
    ],
)
def test_bad_requests_are_one_line_exit_2(repo: Path, args: list[str], message: str) -> None:
    result = run_cli(["catalog", "--no-cache", *args], repo)
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_outside_a_git_repository_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "app.js").write_text(BEFORE)
    result = run_cli(["catalog", "--no-cache", "--diff-against", "HEAD"], tmp_path)
    assert result.exit_code == 2 and "HEAD: not a git revision" in result.stderr


def test_a_project_in_a_subfolder_of_the_repository(repo: Path) -> None:
    app = repo / "packages" / "app"
    app.mkdir(parents=True)
    (app / ".schema-lint.yaml").write_text("presets: [moesif]\n")
    (app / "a.js").write_text("moesif.track('Sub', {old: 1});\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "sub")
    (app / "a.js").write_text("moesif.track('Sub', {old: true, fresh: 1});\n")
    result = run_cli(["catalog", "--no-cache", "--format", "json", "--diff-against", "HEAD"], app)
    diff = json.loads(result.stdout)
    assert diff["new_events"] == []  # the root's app.js and its events are outside this project
    assert [(k["key"], k["locations"]) for k in diff["new_keys"]] == [
        ("fresh", [{"path": "a.js", "line": 1, "column": 33}])
    ]
    assert [(c["key"], c["before"], c["after"]) for c in diff["changed_types"]] == [
        ("old", ["number"], ["boolean"])
    ]
