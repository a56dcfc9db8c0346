moesif.track('Upgraded', { plan: `tier-${n}`, tags: ['a'], when: new Date(), v: user.value });
moesif.track('Upgraded', { plan: null, tags: [], when: (x as Date).toISOString(), v: 3 });
