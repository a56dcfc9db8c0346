from .analytics import track_event as te
from app.analytics import track_event


def refund(uid):
    te(uid, "Refund Issued", properties={"refund.amount": 3})
    track_event(user_id=uid, event="Plan Changed", properties={"plan.name": "pro"})
