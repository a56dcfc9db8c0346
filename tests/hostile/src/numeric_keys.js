// Numeric keys are named as JavaScript prints them: none of these holds a dot.
moesif.track('Numbers', { 1.0: 'one', 0x10: 'sixteen', 1e3: 'thousand', 2.50: 'two and a half' });
