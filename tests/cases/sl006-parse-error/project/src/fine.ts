moesif.track('Fine', { ok: true });
