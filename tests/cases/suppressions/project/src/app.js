moesif.track('A', {
  'a.b': 1, // schema-lint: ignore[SL001]
  // schema-lint: ignore
  'c.d': 2,
  /* schema-lint: ignore[SL002] */
  'e.f': 3,
  signUpMethod: 'x', sign_up_method: 'y',
});
