moesif.track('A', { plan: 'pro', 'x.y': 1 });
