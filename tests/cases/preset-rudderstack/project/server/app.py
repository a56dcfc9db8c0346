rudder_analytics.track(user_id, event='Signed Up', properties={'plan': None, 'seats.count': 2})
