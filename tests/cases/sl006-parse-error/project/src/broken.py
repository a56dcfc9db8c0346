analytics.track(uid, 'Ev', {'x.y': 1})
def broken(:
    pass
analytics.track(uid, 'Late', {'plan': 'pro', 'seats': len(seats})
