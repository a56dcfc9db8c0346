from posthog import Posthog

client = Posthog("KEY")


def cleaned(properties):
    return properties


def track_event(user_id, event, properties=None):
    data = cleaned(properties)
    client.capture(event, distinct_id=user_id, properties=data)


class Tracker:
    def __init__(self):
        self.ph = Posthog("KEY")

    def send(self, name, *, data):
        self.ph.capture(name, distinct_id="server", properties=data)


on_item = lambda item: client.capture("Item", properties=item)  # noqa: E731
