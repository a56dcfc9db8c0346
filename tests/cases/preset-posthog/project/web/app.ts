posthog.capture('Signed Up', { plan: 'pro' });
moesif.track('Not Scanned', { plan: 99 });
