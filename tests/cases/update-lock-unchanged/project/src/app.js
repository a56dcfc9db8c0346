moesif.track('A', { plan: 'pro' });
