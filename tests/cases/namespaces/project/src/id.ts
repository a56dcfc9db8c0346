moesif.identifyUser('u1', { plan: 'pro', email: 'a@b.c' });
moesif.identifyCompany('c1', { plan: 3, industry: 'fintech' });
moesif.track('Upgraded', { plan: true });
updateUser({ userId: 'u2', metadata: { plan: 5 } });
api.updateCompany({ companyId: 'c2', metadata: { industry: 7 } });
moesif.track({ request: { uri: '/x' }, metadata: { plan: 'x' } });
