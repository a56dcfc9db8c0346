mp.track(distinct_id, 'Signed Up', {'plan': 1})
