from app.analytics import client as ph
from app.analytics import Tracker, track_event


def nightly(tracker: Tracker, other):
    tracker.send("Nightly Run", data={"run.count": 2})
    other.send("Other", data={"not.tracked": 1})
    track_event.delay(user_id="u", event="Queued", properties={"queue.name": "low"})


def done():
    ph.capture("Job Done", distinct_id="j", properties={"job.id": 1})
