moesif.track('Broken', { plan: 'pro });
function later() {
  moesif.track('Later', { 'after.string': 1 });
}
