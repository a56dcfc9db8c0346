moesif.track('Viewed', { some_object: { some_string: 23 }, other: null });
moesif.track('Viewed', { some_string: 'ok', tags: [], plan: 'pro' });
