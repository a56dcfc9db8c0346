// same names, not the wrappers: silent
function trackEvent(a: string, b: object) {}
trackEvent('Local', { 'not.tracked': 1 });
const tracker = { track: (e: string, p: object) => {} };
tracker.track('Lookalike', { 'not.either': 1 });
import { sharedClient } from './elsewhere';
sharedClient.capture({ event: 'Elsewhere', properties: { 'not.this.one': 1 } });
