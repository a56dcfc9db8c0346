analytics.track('Signed Up', { plan: 'pro' }, { 'Segment.io': true });
moesif.track('Not Scanned', { plan: 99 });
