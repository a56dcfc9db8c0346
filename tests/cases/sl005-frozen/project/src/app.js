moesif.track('Upgraded', { plan: 'pro', seats: 3, dynamic: user.x });
