moesif.track('Upgraded', { plan: 'pro', seats: 3 });
