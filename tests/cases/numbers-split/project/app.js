moesif.track('A', { price: 1.0, ratio: 0.5, count: parseInt(x), total: Number(x) });
