"""--fix, --unsafe-fixes and --diff from the command line: which renames are safe, which are
unsafe, which are never offered, and what the diff shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli


def _project(root: Path, text: str, name: str = "app.js") -> Path:
    (root / ".schema-lint.yaml").write_text("presets: [moesif]\n")
    (root / name).write_text(text)
    return root / name


def _fixes(root: Path) -> list[tuple[str, int, int, str | None]]:
    result = run_cli(["check", "--no-cache", "--format", "json", "--select", "SL001"], root)
    return [
        (d["path"], d["line"], d["column"], d["fix"] and d["fix"]["applicability"])
        for d in json.loads(result.stdout)
    ]


def test_a_rename_that_would_repeat_a_key_is_not_offered(tmp_path: Path) -> None:
    text = "moesif.track('Seats', {'seat.count': 1, seat_count: 2});\n"
    app = _project(tmp_path, text)
    assert _fixes(tmp_path) == [("app.js", 1, 24, None)]
    result = run_cli(["check", "--no-cache", "--fix"], tmp_path)
    assert app.read_text() == text
    assert "SL003" in result.stdout and "SL001" in result.stdout


BOUND = """\
const props = {'sign.up': 'email'};
moesif.track('Signed Up', props);
moesif.track('Clicked', {...props, 'button.label': 'Go'});
"""


def test_literal_in_the_call_is_safe_bound_object_is_unsafe(tmp_path: Path) -> None:
    app = _project(tmp_path, BOUND)
    assert _fixes(tmp_path) == [("app.js", 1, 16, "unsafe"), ("app.js", 3, 36, "safe")]
    safe = run_cli(["check", "--no-cache", "--fix"], tmp_path)
    assert app.read_text() == BOUND.replace("'button.label'", "'button_label'")
    assert "Fixed 1 finding(s)." in safe.stderr
    assert "1 unsafe fix left out" in safe.stderr and "--unsafe-fixes" in safe.stderr
    assert safe.exit_code == 1  # the unsafe one is still reported
    unsafe = run_cli(["check", "--no-cache", "--fix", "--unsafe-fixes"], tmp_path)
    assert unsafe.exit_code == 0, unsafe.stdout
    assert "'sign_up'" in app.read_text()


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        pytest.param(
            "app.js",
            "const user = {metadata: {'a.b': 1}};\nupdateUser(user);\n",
            [("app.js", 1, 26, "unsafe")],
            id="object-argument-through-a-name",
        ),
        pytest.param(
            "app.js",
            "updateUser({metadata: {'a.b': 1}});\n",
            [("app.js", 1, 24, "safe")],
            id="object-argument-literal",
        ),
        pytest.param(
            "app.py",
            "props = {'a.b': 1}\nsend({'action_name': 'A', 'metadata': props})\n",
            [("app.py", 1, 10, "unsafe")],
            id="python-payload-through-a-name",
        ),
        pytest.param(
            "app.py",
            "send({'action_name': 'A', 'metadata': {'a.b': 1}})\n",
            [("app.py", 1, 40, "safe")],
            id="python-payload-literal",
        ),
        pytest.param(
            "app.json",
            '{"action_name": "A", "metadata": {"a.b": 1}}\n',
            [("app.json", 1, 35, "safe")],
            id="json",
        ),
    ],
)
def test_applicability(
    tmp_path: Path, name: str, text: str, expected: list[tuple[str, int, int, str]]
) -> None:
    _project(tmp_path, text, name)
    assert _fixes(tmp_path) == expected


def test_diff_prints_the_fixes_and_writes_nothing(tmp_path: Path) -> None:
    app = _project(tmp_path, "// head\nmoesif.track('A', {'a.b': 1});")  # no final newline
    result = run_cli(["check", "--no-cache", "--diff"], tmp_path)
    assert result.exit_code == 1
    assert result.stdout == (
        "--- a/app.js\n"
        "+++ b/app.js\n"
        "@@ -1,2 +1,2 @@\n"
        " // head\n"
        "-moesif.track('A', {'a.b': 1});\n"
        "\\ No newline at end of file\n"
        "+moesif.track('A', {'a_b': 1});\n"
        "\\ No newline at end of file\n"
    )
    assert "Would fix 1 finding(s)." in result.stderr
    assert app.read_text() == "// head\nmoesif.track('A', {'a.b': 1});"
    assert not (tmp_path / "schema-lint.lock.yaml").exists()


def test_diff_without_fixes_is_empty_and_exit_0(tmp_path: Path) -> None:
    _project(tmp_path, "const props = {'a.b': 1};\nmoesif.track('A', props);\n")
    result = run_cli(["check", "--no-cache", "--diff"], tmp_path)
    assert (result.exit_code, result.stdout) == (0, "")
    assert "--unsafe-fixes" in result.stderr
    unsafe = run_cli(["check", "--no-cache", "--diff", "--unsafe-fixes"], tmp_path)
    assert unsafe.exit_code == 1 and "+const props = {'a_b': 1};\n" in unsafe.stdout


def test_diff_with_update_lock_is_a_usage_error(tmp_path: Path) -> None:
    _project(tmp_path, "moesif.track('A', {'a.b': 1});\n")
    assert run_cli(["check", "--diff", "--update-lock"], tmp_path).exit_code == 2
