import { PostHog } from 'posthog-node';

let instance: PostHog | undefined;

// a factory of the SDK client: its callers' receivers are clients whatever their name
export function serverPosthog() {
  instance ??= new PostHog('KEY');
  return instance;
}

export const sharedClient = new PostHog('KEY');

export function bootEvent() {
  sharedClient.capture({ distinctId: 'server', event: 'Server Booted', properties: { pid: 1 } });
}
