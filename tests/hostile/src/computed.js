// Computed keys and spreads of unknown objects: nothing to check, nothing to report.
const k = pick();
moesif.track('Computed', { [k]: 1, [a.b]: 2, [`x${y}`]: 3, [k + '.z']: 4, ...unknown, ...load() });
moesif.track('Computed', { ...(cond ? a : b), [Symbol.iterator]: f, [/* a.b */ k]: 5 });
moesif.track('Computed', props, extra);
moesif.track('Computed', ...args);
