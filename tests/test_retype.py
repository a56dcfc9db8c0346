"""Values typed through types and constants imported from other files of the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schema_lint.scanners import scan_file
from schema_lint.scanners.modules import Modules
from tests.conftest import run_cli
from tests.strategies import CONTEXT

SHARED_TS = """\
export const VERSION = '2.4.0';
export const LIMITS = { seats: 50 } as const;
export enum Theme { Light = 'light', Dark = 'dark' }
export interface Device { mobile: boolean; size: { width: number } }
export type Tier = 'gold' | 'silver';
import { REGION } from './deeper';
export { REGION };
"""
DEEPER_TS = "import { VERSION } from './shared';\nexport const REGION = 'eu';\n"
APP_TS = """\
import { VERSION, LIMITS, Theme, REGION, type Device, type Tier } from './lib/shared';
import { Missing } from './lib/nowhere';
import { z } from 'zod';

export function send(device: Device, tier: Tier, { mobile }: Device, other: Missing) {
  moesif.track('Sent', {
    version: VERSION,
    seats: LIMITS.seats,
    theme: Theme.Dark,
    mobile: device.mobile,
    width: device.size.width,
    tier,
    destructured: mobile,
    region: REGION,
    missing: other.x,
    external: z.thing,
    unknown_member: device.nothing,
  });
}
"""
SETTINGS_PY = """\
from dataclasses import dataclass
from enum import Enum

RELEASE = "2024.06"


class Plan(str, Enum):
    PRO = "pro"


@dataclass
class Customer:
    country: str
    value: float
"""
VIEWS_PY = """\
from ..settings import RELEASE, Customer, Plan
from .absent import Thing


def paid(customer: Customer, thing: Thing):
    analytics.track("u", "Paid", {
        "release": RELEASE,
        "country": customer.country,
        "value": customer.value,
        "plan": Plan.PRO,
        "thing": thing.x,
    })
"""
CONFIG = "presets: [moesif, segment]\n"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def key_types(root: Path) -> dict[str, str]:
    result = run_cli(["catalog", "--format", "json", "--no-cache", "."], root)
    assert result.exit_code == 0, result.stderr
    catalog = json.loads(result.stdout)
    return {key["key"]: key["type"] for event in catalog["events"] for key in event["keys"]}


def test_imported_constants_and_types(tmp_path: Path) -> None:
    files = {
        ".schema-lint.yaml": CONFIG,
        "web/lib/shared.ts": SHARED_TS,
        "web/lib/deeper.ts": DEEPER_TS,
        "web/app.ts": APP_TS,
        "server/settings.py": SETTINGS_PY,
        "server/api/views.py": VIEWS_PY,
    }
    assert key_types(write(tmp_path, files)) == {
        "version": "string",
        "seats": "number",
        "theme": "string",
        "mobile": "boolean",
        "width": "number",
        "tier": "string",
        "destructured": "boolean",
        "region": "string",
        # stay unknown: not found, from a package, or no such member
        "missing": "unknown",
        "external": "unknown",
        "unknown_member": "unknown",
        "release": "string",
        "country": "string",
        "value": "number",
        "plan": "string",
        "thing": "unknown",
    }


def test_a_file_is_parsed_only_when_a_needed_name_is_imported_from_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        ".schema-lint.yaml": CONFIG,
        "web/lib/shared.ts": SHARED_TS,
        "web/lib/deeper.ts": DEEPER_TS,
        "web/lib/unused.ts": "export const UNUSED = 1;\n",
        "web/typed.ts": (
            "import { VERSION } from './lib/unused';\n"
            "moesif.track('Typed', { version: 'literal' });\n"
        ),
        "web/needs.ts": (
            "import { VERSION } from './lib/shared';\n"
            "moesif.track('Needs', { version: VERSION });\n"
        ),
    }
    parsed: list[str] = []
    original = Modules._parse

    def counting(self: Modules, path: str) -> object:
        parsed.append(path)
        return original(self, path)

    monkeypatch.setattr(Modules, "_parse", counting)
    assert key_types(write(tmp_path, files)) == {"version": "string"}
    assert parsed == ["web/lib/shared.ts"]


def test_import_cycles_end(tmp_path: Path) -> None:
    files = {
        ".schema-lint.yaml": CONFIG,
        "a.ts": (
            "import { B } from './b';\nexport const A = B;\nmoesif.track('E', { a: A, b: B });\n"
        ),
        "b.ts": "import { A } from './a';\nexport const B = A;\n",
    }
    assert key_types(write(tmp_path, files)) == {"a": "unknown", "b": "unknown"}


@pytest.mark.parametrize(
    ("metadata", "imports"),
    [
        pytest.param("{ v: VERSION }", ("./lib/shared",), id="imported-constant"),
        pytest.param("{ v: device.mobile }", ("./lib/types",), id="imported-type"),
        pytest.param("{ v: 'literal', w: local }", (), id="nothing-imported-needed"),
    ],
)
def test_the_first_scan_notes_only_the_imports_typing_needed(
    metadata: str, imports: tuple[str, ...]
) -> None:
    source = (
        "import { VERSION } from './lib/shared';\n"
        "import type { Device } from './lib/types';\n"
        "import { unused } from './lib/unused';\n"
        "export function send(device: Device, local: string) {\n"
        f"  moesif.track('E', {metadata});\n}}\n"
    )
    scan = scan_file("web/a.ts", "typescript", source.encode(), CONTEXT, example=False)
    assert scan.imports == imports
