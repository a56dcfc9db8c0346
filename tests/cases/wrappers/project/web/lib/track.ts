import { trackEvent } from './analytics';

// a wrapper of a wrapper, in another file
export const track = (event: string, properties: object) => trackEvent(event, properties);
