moesif.track('Viewed Page', { page_section: 'hero', url: 'https://example.com/a.b.c' });
track.dotted('x', { 'not.metadata': 1 });
