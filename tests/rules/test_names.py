"""SL101 and SL102 fold case and the separators `_ - . ` and space, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema_lint.rules.sl101_inconsistent_key_style import fold
from tests.rules.lint import lint, where


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        ("signUpMethod", "sign_up_method", True),
        ("SIGN-UP method", "sign.up.method", True),
        ("$feature_flag", "feature_flag", False),
        ("$feature_flag", "$featureFlag", True),
        ("@plan", "plan", False),
        ("utm/source", "utm_source", False),
        ("some_string", "so_me_str_ing", False),
    ],
)
def test_fold(a: str, b: str, alike: bool) -> None:
    assert (fold(a) == fold(b)) is alike


def test_reserved_dollar_key_is_not_a_style_variant(tmp_path: Path) -> None:
    app = (
        "posthog.capture('flag_seen', {$feature_flag: 'beta', feature_flag: 'beta'});\n"
        "posthog.capture('flag seen', {featureFlag: 'beta'});\n"
    )
    config = "presets: [posthog]\n"
    found = lint(tmp_path, {"app.js": app, ".schema-lint.yaml": config}, "--select", "SL1")
    assert where(found) == [("SL102", "app.js", 2, 17), ("SL101", "app.js", 2, 31)]


def test_dollar_action_names_are_their_own(tmp_path: Path) -> None:
    app = "posthog.capture('$pageview', {a: 1});\nposthog.capture('pageview', {a: 1});\n"
    config = "presets: [posthog]\n"
    assert lint(tmp_path, {"app.js": app, ".schema-lint.yaml": config}, "--select", "SL102") == []
