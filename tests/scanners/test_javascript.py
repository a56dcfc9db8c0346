"""JavaScript and TypeScript: values typed through what the same file declares."""

from __future__ import annotations

import time

import pytest

from schema_lint.scanners import ScanContext, scan_file
from schema_lint.signatures import parse
from tests.scanners.typing_table import value_type

CALLS = ("moesif.track(EVENT, METADATA)",)
DECLARATIONS = """\
interface Base { id: number }
interface SignupProps extends Base {
  plan: 'free' | 'pro';
  trial?: boolean;
  meta: { source: string; tags: string[] };
  seats: number | null | undefined;
  mixed: string | number;
  loose: any;
  opaque: unknown;
}
type Alias = Partial<SignupProps>;
type Tier = 'gold' | 'silver';
enum Plan { Free = 'free', Pro = 'pro' }
enum Level { Low, High }
enum Odd { A = 'a', B = 1 }
class Account { static KIND = 'team'; owner: string; }
const PLANS = { pro: 'pro', count: 3, nested: { on: true } } as const;
function label(): string { return 'x'; }
const count = (): number => 1;
function track(
  props: SignupProps,
  alias: Alias,
  tier: Tier,
  plan: Plan,
  level: Level,
  odd: Odd,
  { trial, meta: { source } }: SignupProps,
  names: Array<string>,
  scores: number[],
  account: Account,
  record: Record<string, number>,
  untyped,
) {
  const fromCall = label();
  const { seats } = props;
"""
ROWS = [
    ("props.plan", "string"),
    ("props.trial ?? false", "boolean"),
    ("props.trial", "boolean"),
    ("props.meta.source", "string"),
    ("props.meta.tags", "array<string>"),
    ("props?.meta?.source", "string"),
    ("props['plan']", "string"),
    ("props.id", "number"),
    ("props.seats", "number"),
    ("props.seats ?? 0", "number"),
    ("props.plan.length", "integer"),
    ("props", "object"),
    ("alias.plan", "string"),
    ("tier", "string"),
    ("plan", "string"),
    ("level", "integer"),
    ("Plan.Pro", "string"),
    ("Level.High", "integer"),
    ("PLANS.pro", "string"),
    ("PLANS.count", "integer"),
    ("PLANS.nested.on", "boolean"),
    ("Account.KIND", "string"),
    ("account.owner", "string"),
    ("trial", "boolean"),
    ("source", "string"),
    ("seats", "number"),
    ("names", "array<string>"),
    ("scores", "array<number>"),
    ("record", "object"),
    ("fromCall", "string"),
    ("label()", "string"),
    ("count()", "number"),
    ("flag ? 'a' : props.plan", "string"),
    ("props.meta.source || 'none'", "string"),
    ("props.plan ?? null", "string"),
    ("(props as SignupProps).plan", "string"),
    ("props!.plan", "string"),
    # stay unknown
    ("props.mixed", "unknown"),
    ("props.loose", "unknown"),
    ("props.opaque", "unknown"),
    ("props.missing", "unknown"),
    ("props.meta.missing", "unknown"),
    ("odd", "unknown"),
    ("Plan.Missing", "unknown"),
    ("untyped.plan", "unknown"),
    ("flag ? 'a' : 1", "unknown"),
    ("props.plan || props.id", "unknown"),
    ("other.plan", "unknown"),
    ("props[key]", "unknown"),
    ("account", "unknown"),
]


@pytest.mark.parametrize(("expression", "expected"), ROWS)
def test_typing_table(expression: str, expected: str) -> None:
    source = f"{DECLARATIONS}  moesif.track('E', {{ v: {expression} }});\n}}\n"
    assert value_type("typescript", "a.ts", source, CALLS) == expected


JSDOC = """\
/** @type {string} */
const label = load();
/** @type {Array<number>} */
let scores;
/** @type {'a' | 'b' | null} */
const tier = pick();
/**
 * @param {number} count
 * @param {'free'|'pro'} [plan]
 * @param {{ name: string }} user
 * @returns {boolean}
 */
function ok(count, plan = 'free', user, other) {
  return true;
}
/** @type {string | number} */
const loose = pick();
/** @type {*} */
const anything = pick();
export function send(count, plan, user, other) {
"""
JSDOC_ROWS = [
    ("label", "string"),
    ("scores", "array<number>"),
    ("tier", "string"),
    ("ok()", "boolean"),
    # stay unknown: the parameters of `send` have no JSDoc of their own
    ("count", "unknown"),
    ("user.name", "unknown"),
    ("loose", "unknown"),
    ("anything", "unknown"),
]


@pytest.mark.parametrize(("expression", "expected"), JSDOC_ROWS)
def test_jsdoc_table(expression: str, expected: str) -> None:
    source = f"{JSDOC}  moesif.track('E', {{ v: {expression} }});\n}}\n"
    assert value_type("javascript", "a.js", source, CALLS) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [("count", "number"), ("plan", "string"), ("user.name", "string"), ("other", "unknown")],
)
def test_jsdoc_parameters(expression: str, expected: str) -> None:
    head = JSDOC.split("  return true;", 1)[0]
    source = f"{head}  moesif.track('E', {{ v: {expression} }});\n}}\n"
    assert value_type("javascript", "a.js", source, CALLS) == expected


def test_jsdoc_is_not_read_in_typescript() -> None:
    source = "/** @type {string} */\nconst label = load();\nmoesif.track('E', { v: label });\n"
    assert value_type("typescript", "a.ts", source, CALLS) == "unknown"
    assert value_type("javascript", "a.js", source, CALLS) == "string"


@pytest.mark.parametrize(
    "declarations",
    [
        pytest.param("type A = B;\ntype B = A;\nlet p: A;\n", id="alias-cycle"),
        pytest.param(
            "interface A extends B { x: A }\ninterface B extends A {}\nlet p: A;\n",
            id="extends-cycle",
        ),
        pytest.param("const p = { y: q.y };\nconst q = { y: p.y };\n", id="member-cycle"),
        pytest.param("const { y: p } = p;\n", id="self-destructuring"),
        pytest.param(
            "let p: " + " | ".join(f"'v{i}'" for i in range(3000)) + " | number;\n", id="wide-union"
        ),
        pytest.param(
            "".join(f"const p{i} = p{i + 1}.y;\n" for i in range(3000)) + "const p = p0;\n",
            id="long-chain",
        ),
    ],
)
def test_hostile_declarations_end_as_unknown(declarations: str) -> None:
    """Cycles, wide unions and long chains of declarations end quickly, without a finding."""
    source = declarations + "moesif.track('E', { v: p.y, w: p.y.y.y });\n"
    ctx = ScanContext(tuple(parse(call) for call in CALLS))
    start = time.monotonic()
    scan = scan_file("a.ts", "typescript", source.encode(), ctx, example=False)
    assert time.monotonic() - start < 5
    assert scan.problems == ()
    (occurrence,) = scan.occurrences
    assert {e.value.type for e in occurrence.metadata.entries} == {"unknown"}


@pytest.mark.parametrize(
    ("declaration", "expected"),
    [
        pytest.param("const props: SignupProps = load();", "unknown", id="declared-type"),
        pytest.param("const props: { a: string } = load();", "unknown", id="object-type"),
        pytest.param("const props = { a: 1 };", "object", id="object-literal"),
        pytest.param("const props = {};", "object", id="empty-literal"),
    ],
)
def test_metadata_known_only_by_its_type_stays_unreadable(declaration: str, expected: str) -> None:
    """Its keys cannot be listed: it is not an object without keys."""
    source = f"interface SignupProps {{ plan: string }}\n{declaration}\nmoesif.track('E', props);\n"
    ctx = ScanContext(tuple(parse(call) for call in CALLS))
    scan = scan_file("a.ts", "typescript", source.encode(), ctx, example=False)
    assert [o.metadata.type for o in scan.occurrences] == [expected]
