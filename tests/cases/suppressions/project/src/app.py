analytics.track(uid, 'A', {
    'g.h': 1,  # schema-lint: ignore[SL001]
    # schema-lint: ignore[SL002]
    'i.j': 2,
})
