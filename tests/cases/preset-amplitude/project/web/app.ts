amplitude.track('Signed Up', { plan: 'pro' });
amplitude.logEvent('Legacy', { plan: 2 });
moesif.track('Not Scanned', { plan: 99 });
