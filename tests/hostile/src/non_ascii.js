// Columns count characters, not bytes.
moesif.track('日本語', { 'ключ': 1, 'ключ.два': 2, '😀.x': 3 });
