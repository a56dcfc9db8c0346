posthog.capture(distinct_id, 'Signed Up', {'plan': 1.5})
