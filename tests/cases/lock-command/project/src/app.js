moesif.track('A', { 'so.me_str.ing': 'v', 'some.int': 1, some_string: 'x' });
moesif.track('B', { some_object: { some_string: 23 } });
