track('Clicked', { 'a.b': 1 });
this.client.track('Member', { 'c.d': 2 });
moesif.track('Preset Off', { 'e.f': 3 });
crm.sync({ name: 'Synced', traits: { plan: 'pro' } });
queue.send('Queued', { 'q.r': 1 });
send('Bare', { 's.t': 1 });
