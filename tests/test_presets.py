"""Each preset finds what its SDK's README example sends (the examples reworded).

Each case is (preset, file name, source, expected occurrences as (namespace, action, keys)).
"""

from __future__ import annotations

import time

import pytest

from schema_lint.presets import PRESETS
from schema_lint.scanners import ScanContext, scan_file
from schema_lint.signatures import parse

CASES = [
    (
        "segment",
        "web.ts",
        # @segment/analytics-next: load the browser client, then track a click
        "import { AnalyticsBrowser } from '@segment/analytics-next';\n"
        "export const analytics = AnalyticsBrowser.load({ writeKey: 'KEY' });\n"
        "analytics.track('Cart Viewed', { cart_size: 3 });\n"
        "analytics.identify('u-1', { plan: 'pro' });\n",
        [("events", "Cart Viewed", ("cart_size",)), ("users", None, ("plan",))],
    ),
    (
        "segment",
        "server.js",
        # @segment/analytics-node: a client built from the Analytics class, one object
        "const { Analytics } = require('@segment/analytics-node');\n"
        "const segmentClient = new Analytics({ writeKey: 'KEY' });\n"
        "segmentClient.track({ userId: id, event: 'Item Added', properties: { sku: 'a1' } });\n"
        "segmentClient.identify({ userId: id, traits: { seats: 4 } });\n",
        [("events", "Item Added", ("sku",)), ("users", None, ("seats",))],
    ),
    (
        "segment",
        "worker.py",
        # segment-analytics-python: module functions, positional and keyword
        "import segment.analytics as analytics\n"
        "analytics.write_key = 'KEY'\n"
        "analytics.track('u-1', 'Report Exported', {'rows': 10})\n"
        "analytics.track(user_id='u-1', event='Report Shared', properties={'channel': 'mail'})\n",
        [
            ("events", "Report Exported", ("rows",)),
            ("events", "Report Shared", ("channel",)),
        ],
    ),
    (
        "posthog",
        "web.js",
        # posthog-js
        "posthog.init('KEY', { api_host: 'https://eu.i.posthog.com' });\n"
        "posthog.capture('Poll Voted', { option_count: 2 });\n",
        [("events", "Poll Voted", ("option_count",))],
    ),
    (
        "posthog",
        "server.ts",
        # posthog-node: `new PostHog(key)`, an object with distinctId, event and properties
        "import { PostHog } from 'posthog-node';\n"
        "const phClient = new PostHog('KEY', { host: 'https://eu.i.posthog.com' });\n"
        "phClient.capture({ distinctId: 'u-1', event: 'Trial Started',"
        " properties: { days: 14 } });\n"
        "await phClient.shutdown();\n",
        [("events", "Trial Started", ("days",))],
    ),
    (
        "posthog",
        "app.py",
        # posthog >= 6: the event first, the rest keyword-only; and the pre-6 order
        "from posthog import Posthog\n"
        "ph = Posthog('KEY', host='https://eu.i.posthog.com')\n"
        "ph.capture('Export Done', distinct_id='u-1', properties={'format': 'csv'})\n"
        "posthog.capture('u-2', 'Legacy Event', {'old': True})\n"
        "posthog.capture(distinct_id='u-3', event='Keywords', properties={'both': 1})\n",
        [
            ("events", "Export Done", ("format",)),
            ("events", "Legacy Event", ("old",)),
            ("events", "Keywords", ("both",)),
        ],
    ),
    (
        "mixpanel",
        "server.js",
        # mixpanel (Node): init, track, people.set with a distinct id
        "const Mixpanel = require('mixpanel');\n"
        "const mp = Mixpanel.init('TOKEN');\n"
        "mp.track('Song Played', { genre: 'jazz' });\n"
        "mixpanel.people.set('listener-7', { favourite: 'jazz' });\n"
        "mixpanel.track_batch([{ event: 'A', properties: { x: 1 } }, "
        "{ event: 'B', properties: { y: 2 } }]);\n",
        [
            ("events", "Song Played", ("genre",)),
            ("users", None, ("favourite",)),
            ("events", "A", ("x",)),
            ("events", "B", ("y",)),
        ],
    ),
    (
        "mixpanel",
        "app.py",
        # mixpanel (PyPI): Mixpanel(token), track and people_set
        "from mixpanel import Mixpanel\n"
        "tracker = Mixpanel('TOKEN')\n"
        "tracker.track('d-1', 'Button Pressed', {'colour': 'green'})\n"
        "tracker.people_set('d-1', {'$name': 'Ada'})\n",
        [("events", "Button Pressed", ("colour",)), ("users", None, ("$name",))],
    ),
    (
        "amplitude",
        "web.ts",
        # @amplitude/analytics-browser: init, then track with properties; the object form
        "import * as amplitude from '@amplitude/analytics-browser';\n"
        "amplitude.init('KEY');\n"
        "amplitude.track('Page Opened', { path: '/home' });\n"
        "amplitude.track({ event_type: 'Filter Used', event_properties: { facet: 'size' } });\n",
        [("events", "Page Opened", ("path",)), ("events", "Filter Used", ("facet",))],
    ),
    (
        "amplitude",
        "app.py",
        # amplitude-analytics: client.track(BaseEvent(...))
        "from amplitude import Amplitude, BaseEvent\n"
        "client = Amplitude('KEY')\n"
        "client.track(BaseEvent(event_type='Lesson Done', user_id='u', "
        "event_properties={'minutes': 12}))\n",
        [("events", "Lesson Done", ("minutes",))],
    ),
    (
        "rudderstack",
        "web.ts",
        # @rudderstack/analytics-js: the camelCase instance from the npm setup
        "import { RudderAnalytics } from '@rudderstack/analytics-js';\n"
        "const rudderAnalytics = new RudderAnalytics();\n"
        "rudderAnalytics.load('KEY', 'https://dataplane.example');\n"
        "rudderAnalytics.track('Order Placed', { total: 30, currency: 'EUR' });\n"
        "rudderanalytics.identify('u-1', { tier: 'gold' });\n",
        [("events", "Order Placed", ("total", "currency")), ("users", None, ("tier",))],
    ),
    (
        "rudderstack",
        "app.py",
        # rudder-sdk-python
        "import rudderstack.analytics as rudder_analytics\n"
        "rudder_analytics.track('u-1', 'Plan Changed', {'from': 'free'})\n",
        [("events", "Plan Changed", ("from",))],
    ),
    (
        "moesif",
        "web.js",
        # moesif-browser-js: identify the user and company, track an action
        "moesif.init({ applicationId: 'ID' });\n"
        "moesif.identifyUser('12345', { email: 'a@b.c' });\n"
        "moesif.track('Clicked Sign Up', { button_label: 'Get Started' });\n"
        "moesif.identifyCompany('67890', { plan: 'team' }, 'acme.example');\n",
        [
            ("users", None, ("email",)),
            ("events", "Clicked Sign Up", ("button_label",)),
            ("companies", None, ("plan",)),
        ],
    ),
    (
        "moesif",
        "server.js",
        # moesif-nodejs: the middleware's update calls and their batch forms
        "const moesifMiddleware = moesif({ applicationId: 'ID' });\n"
        "moesifMiddleware.updateUser({ userId: '1', metadata: { seats: 3 } }, cb);\n"
        "moesifMiddleware.updateCompaniesBatch([{ companyId: 'c', metadata: { tier: 'a' } }]);\n",
        [("users", None, ("seats",)), ("companies", None, ("tier",))],
    ),
    (
        "moesif",
        "views.py",
        # moesifdjango: one dict with user_id and metadata
        "from moesifdjango.middleware import moesif_middleware\n"
        "middleware = moesif_middleware(None)\n"
        "middleware.update_user({'user_id': '1', 'metadata': {'role': 'admin'}})\n"
        "middleware.update_users_batch([{'user_id': '2', 'metadata': {'team': 'x'}}])\n",
        [("users", None, ("role",)), ("users", None, ("team",))],
    ),
]


def _occurrences(
    preset: str, name: str, source: str
) -> list[tuple[str, str | None, tuple[str, ...]]]:
    language = {"js": "javascript", "ts": "typescript", "py": "python"}[name.rsplit(".", 1)[1]]
    scan = scan_file(name, language, source.encode(), ScanContext(PRESETS[preset]), False)
    assert not scan.problems
    return [
        (o.namespace, o.action, tuple(e.key for e in o.metadata.entries))
        for o in sorted(scan.occurrences, key=lambda o: o.metadata.span)
    ]


@pytest.mark.parametrize(("preset", "name", "source", "expected"), CASES)
def test_readme_example(
    preset: str, name: str, source: str, expected: list[tuple[str, str | None, tuple[str, ...]]]
) -> None:
    assert _occurrences(preset, name, source) == expected


def test_all_keywords_call_is_extracted_once() -> None:
    """Both posthog-python signatures bind it: the one binding more roles wins, once."""
    found = _occurrences(
        "posthog", "a.py", "posthog.capture(distinct_id=u, event='E', properties={'k': 1})\n"
    )
    assert found == [("events", "E", ("k",))]


@pytest.mark.parametrize(
    ("signature", "source", "matched"),
    [
        ("track(EVENT, METADATA)", "track('E', {k: 1})", True),
        ("track(EVENT, METADATA)", "tracker.track('E', {k: 1})", False),
        ("*.track(EVENT, METADATA)", "tracker.track('E', {k: 1})", True),
        ("*.track(EVENT, METADATA)", "track('E', {k: 1})", True),
        ("moesif.track(EVENT, METADATA)", "window.moesif?.track('E', {k: 1})", True),
        ("moesif.track(EVENT, METADATA)", "this.moesif.track('E', {k: 1})", True),
        ("moesif.track(EVENT, METADATA)", "notmoesif.track('E', {k: 1})", False),
    ],
)
def test_receivers(signature: str, source: str, matched: bool) -> None:
    ctx = ScanContext((parse(signature),))
    scan = scan_file("a.js", "javascript", source.encode(), ctx, False)
    assert bool(scan.occurrences) is matched


def test_lookalike_receiver_is_not_a_client() -> None:
    source = "const other = new Tracker();\nother.capture({ event: 'E', properties: { k: 1 } });\n"
    assert _occurrences("posthog", "a.ts", source) == []


def test_fields_built_from_one_another_type_a_receiver_quickly() -> None:
    """An SDK's own classes assign fields from each other in many places; following every
    path again at every step took minutes on posthog-python. CPU time, not wall time."""
    fields = 12
    body = "".join(f"        self.f{i} = self.f{j}\n" for i in range(fields) for j in range(fields))
    source = (
        "from posthog import Posthog\n\nclass Client:\n    def setup(self):\n"
        f"        self.f{fields - 1} = Posthog('k')\n{body}"
        "    def send(self):\n        self.f0.capture('E', properties={'a': 1})\n"
    )
    start = time.process_time()
    found = _occurrences("posthog", "client.py", source)
    assert time.process_time() - start < 10
    assert found == [("events", "E", ("a",))]
