analytics.track(uid, 'A', {'price': 1.0, 'ratio': 0.25, 'count': 3, 'total': 2.5})
