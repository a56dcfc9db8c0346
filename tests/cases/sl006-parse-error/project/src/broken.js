moesif.track('Upgraded', { 'a.b': 1 });
function (
moesif.track('Later', { 'c.d': 2 });
