// a function wrapper: its own keys are found here, the caller's keys at each call
export function trackEvent(name: string, props: Record<string, unknown> = {}) {
  posthog.capture(name, { ...props, 'app.version': '1.2' });
}
