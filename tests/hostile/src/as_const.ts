// Type assertions do not change what is sent: the keys are still checked.
moesif.track('Asserted', { 'as.const': 1 } as const);
moesif.track('Asserted', <Record<string, unknown>>{ 'angle.bracket': 1 });
moesif.track('Asserted', { plan: 'pro' } satisfies Props);
