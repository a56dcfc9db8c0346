"""The SDK presets: each SDK's call forms, as its current README and source define them.

Each signature carries the SDK package and version it was checked against. `clients` are the
SDK's client classes and factories: a receiver built by one (`new PostHog(key)`,
`Mixpanel.init(token)`), declared with that type (`private segment: Analytics`) or returned by
a function that returns one matches the preset's signatures whatever its name.

`group(...)` calls (Segment, RudderStack, posthog-js) are left out: `.group(` is common in other
code (`match.group()`, `console.group()`), and every file holding it would be parsed. Add them to
`calls` where they are used.

Overlapping forms (browser `track(EVENT, METADATA)` beside Node `track({event, properties})`)
are safe together: a call is extracted once, by the most specific signature that binds it.
"""

from __future__ import annotations

from schema_lint.signatures import Signature, parse


def _sdk(language: str, clients: tuple[str, ...], *forms: tuple[str, str]) -> tuple[Signature, ...]:
    """(signature, namespace) pairs of one language with the preset's client names."""
    return tuple(parse(text, namespace, language, clients) for text, namespace in forms)


_SEGMENT_CLIENTS = ("Analytics", "AnalyticsBrowser.load")
_POSTHOG_CLIENTS = ("PostHog", "Posthog")
_MIXPANEL_CLIENTS = ("Mixpanel.init", "Mixpanel")
_AMPLITUDE_CLIENTS = ("Amplitude", "amplitude.createInstance")
_RUDDER_CLIENTS = ("RudderAnalytics", "Analytics")
_MOESIF_CLIENTS = ("MoesifAPIClient",)

PRESETS: dict[str, tuple[Signature, ...]] = {
    "moesif": (
        *_sdk(
            "js",
            _MOESIF_CLIENTS,
            # moesif-browser-js 1.10.2: track(actionName, metadata), identifyUser(userId,
            # metadata), identifyCompany(companyId, metadata, domain)
            ("moesif.track(EVENT, METADATA)", "events"),
            ("moesif.identifyUser(_, METADATA)", "users"),
            ("moesif.identifyCompany(_, METADATA)", "companies"),
            # the API event object form (an object with `metadata`), kept as documented
            ("moesif.track({metadata: METADATA})", "events"),
            # moesif-nodejs 3.9.1: the middleware's methods, on whatever it is named
            ("*.sendAction({actionName: EVENT, metadata: METADATA})", "events"),
            ("*.sendActionsBatch([{actionName: EVENT, metadata: METADATA}])", "events"),
            ("*.updateUser({metadata: METADATA})", "users"),
            ("*.updateUsersBatch([{metadata: METADATA}])", "users"),
            ("*.updateCompany({metadata: METADATA})", "companies"),
            ("*.updateCompaniesBatch([{metadata: METADATA}])", "companies"),
        ),
        *_sdk(
            "python",
            _MOESIF_CLIENTS,
            # moesifdjango 2.3.13, moesifwsgi 1.10.5, moesifasgi 1.1.8: one dict argument
            ("*.update_user({metadata: METADATA})", "users"),
            ("*.update_users_batch([{metadata: METADATA}])", "users"),
            ("*.update_company({metadata: METADATA})", "companies"),
            ("*.update_companies_batch([{metadata: METADATA}])", "companies"),
        ),
    ),
    "segment": (
        *_sdk(
            "js",
            _SEGMENT_CLIENTS,
            # @segment/analytics-next 1.84.1 (browser)
            ("analytics.track(EVENT, METADATA)", "events"),
            ("analytics.identify(_, METADATA)", "users"),
            ("analytics.identify(METADATA)", "users"),
            # @segment/analytics-node 3.1.0 (the browser accepts the same object)
            ("analytics.track({event: EVENT, properties: METADATA})", "events"),
            ("analytics.identify({traits: METADATA})", "users"),
        ),
        *_sdk(
            "python",
            _SEGMENT_CLIENTS,
            # segment-analytics-python 2.3.4, positional or keyword
            ("analytics.track(user_id, event=EVENT, properties=METADATA)", "events"),
            ("analytics.identify(user_id, traits=METADATA)", "users"),
        ),
    ),
    "mixpanel": (
        *_sdk(
            "js",
            _MIXPANEL_CLIENTS,
            # mixpanel-browser 2.82.1 and mixpanel (Node) 0.21.0
            ("mixpanel.track(EVENT, METADATA)", "events"),
            ("mixpanel.people.set(METADATA)", "users"),
            ("mixpanel.people.set_once(METADATA)", "users"),
            # mixpanel (Node) 0.21.0
            ("mixpanel.import(EVENT, _, METADATA)", "events"),
            ("mixpanel.track_batch([{event: EVENT, properties: METADATA}])", "events"),
            ("mixpanel.import_batch([{event: EVENT, properties: METADATA}])", "events"),
            ("mixpanel.people.set(_, METADATA)", "users"),
            ("mixpanel.people.set_once(_, METADATA)", "users"),
            ("mixpanel.groups.set(_, _, METADATA)", "companies"),
        ),
        *(
            signature
            for receiver in ("mp", "mixpanel")
            for signature in _sdk(
                "python",
                _MIXPANEL_CLIENTS,
                # mixpanel (PyPI) 5.3.0
                (f"{receiver}.track(distinct_id, event_name=EVENT, properties=METADATA)", "events"),
                (
                    f"{receiver}.import_data(api_key, distinct_id, event_name=EVENT, timestamp,"
                    " properties=METADATA)",
                    "events",
                ),
                (f"{receiver}.people_set(distinct_id, properties=METADATA)", "users"),
                (f"{receiver}.people_set_once(distinct_id, properties=METADATA)", "users"),
                (f"{receiver}.group_set(group_key, group_id, properties=METADATA)", "companies"),
            )
        ),
    ),
    "amplitude": (
        *_sdk(
            "js",
            _AMPLITUDE_CLIENTS,
            # @amplitude/analytics-browser 2.45.6, @amplitude/analytics-node 1.5.70
            ("amplitude.track(EVENT, METADATA)", "events"),
            ("amplitude.logEvent(EVENT, METADATA)", "events"),
            ("amplitude.track({event_type: EVENT, event_properties: METADATA})", "events"),
            ("amplitude.logEvent({event_type: EVENT, event_properties: METADATA})", "events"),
        ),
        *_sdk(
            "python",
            _AMPLITUDE_CLIENTS,
            # amplitude-analytics 1.2.3: client.track(BaseEvent(...))
            (
                "BaseEvent(event_type=EVENT, user_id, device_id, time, event_properties=METADATA)",
                "events",
            ),
        ),
    ),
    "posthog": (
        *_sdk(
            "js",
            _POSTHOG_CLIENTS,
            # posthog-js 1.418.10 (browser)
            ("posthog.capture(EVENT, METADATA)", "events"),
            ("posthog.identify(_, METADATA)", "users"),
            ("posthog.setPersonProperties(METADATA)", "users"),
            # posthog-node 5.50.0: one object
            ("posthog.capture({event: EVENT, properties: METADATA})", "events"),
            ("posthog.captureImmediate({event: EVENT, properties: METADATA})", "events"),
            ("posthog.identify({properties: METADATA})", "users"),
            ("posthog.groupIdentify({properties: METADATA})", "companies"),
        ),
        *_sdk(
            "python",
            _POSTHOG_CLIENTS,
            # posthog 7.42.0 (>= 6): the event is the only positional argument
            ("posthog.capture(event=EVENT, *, properties=METADATA)", "events"),
            ("posthog.set(*, properties=METADATA)", "users"),
            ("posthog.set_once(*, properties=METADATA)", "users"),
            # posthog 5.4.0 (< 6): distinct_id first
            ("posthog.capture(distinct_id, event=EVENT, properties=METADATA)", "events"),
            ("posthog.identify(distinct_id, properties=METADATA)", "users"),
            # both eras
            ("posthog.group_identify(group_type, group_key, properties=METADATA)", "companies"),
        ),
    ),
    "rudderstack": (
        *(
            signature
            for receiver in ("rudderanalytics", "rudderAnalytics")
            for signature in _sdk(
                "js",
                _RUDDER_CLIENTS,
                # @rudderstack/analytics-js 3.31.6 (browser)
                (f"{receiver}.track(EVENT, METADATA)", "events"),
                (f"{receiver}.identify(_, METADATA)", "users"),
                (f"{receiver}.identify(METADATA)", "users"),
                # @rudderstack/rudder-sdk-node 3.0.12: one object
                (f"{receiver}.track({{event: EVENT, properties: METADATA}})", "events"),
                (f"{receiver}.identify({{traits: METADATA}})", "users"),
            )
        ),
        *_sdk(
            "python",
            _RUDDER_CLIENTS,
            # rudder-sdk-python 2.1.4
            ("rudder_analytics.track(user_id, event=EVENT, properties=METADATA)", "events"),
            ("rudder_analytics.identify(user_id, traits=METADATA)", "users"),
        ),
    ),
}
