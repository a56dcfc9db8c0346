analytics.track(uid, 'Ev', {'x.y': 1})
def broken(:
