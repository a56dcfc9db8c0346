moesif.track('A', { plan: 'pro', seats: 3, tags: [], flag: true });
moesif.track('B', { seats: 'three', tags: ['x'], dyn: user.x, nothing: null });
moesif.identifyUser('u', { email: 'a@b.c' });
