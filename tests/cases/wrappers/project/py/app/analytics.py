from posthog import Posthog

client = Posthog("KEY")


def track_event(user_id, event, properties=None):
    client.capture(event, distinct_id=user_id, properties=properties)
