import { PostHog } from 'posthog-node';

const serverClient = new PostHog('KEY');

// a spread parameter: the caller's object supplies `event` and `properties`
export function capture(user: { id: string }, event: { event: string; properties?: object }) {
  serverClient.capture({ ...event, distinctId: user.id });
}
