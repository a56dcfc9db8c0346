import { serverPosthog, sharedClient as shared } from '../clients/posthog';

serverPosthog()?.capture({ distinctId: 'u', event: 'Space Created', properties: { 'space.tier': 'pro' } });
shared.capture({ distinctId: 'u', event: 'Space Joined', properties: { 'join.source': 'link' } });
