const seats: number = 3;
moesif.track('Upgraded', { plan: 42, seats: String(seats), some_string: 'x' });
