tracker.send(uid, event='Clicked', properties={'plan': 1})
tracker.send(uid, 'Clicked', {'g.h': 2})
