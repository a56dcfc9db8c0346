analytics.track(user_id, 'Signed Up', {'plan': 1})
analytics.track(user_id, event='Signed Up', properties={'seats': 'x'})
analytics.track('u', 'Ev', {'seats': 2})
