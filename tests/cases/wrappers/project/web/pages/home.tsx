import { trackEvent as t } from '../lib/analytics';
import { track } from '@/lib/track';
import { capture } from '../lib/server';

t('Home Viewed', { 'hero.variant': 'b' });
track('Cta Clicked', { 'cta.id': 7 });
capture(user, { event: 'Poll Created', properties: { 'poll.size': 3 } });
posthog.capture('Dynamic', buildProps());
