moesif.track('Viewed', { plan: user.plan, count: Number(user.count), label: getLabel() });
