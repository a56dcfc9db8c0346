analytics.track(uid, 'Upgraded', {'plan': 'team', 'seats': 4})
