moesif.track('Old', { 'k.l': 1 });
