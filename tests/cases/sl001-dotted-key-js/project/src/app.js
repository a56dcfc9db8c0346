moesif.track('Viewed Page', {
  'page.section': 'hero',
  "utm.source.name": 'ads',
  nested: { 'a.b': 1, plain: 2 },
  page_title: 'Home',
});
