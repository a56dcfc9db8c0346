def track_event(user_id, event, properties=None):
    pass


track_event("u", "Not A Wrapper Call", {"local.key": 1})
