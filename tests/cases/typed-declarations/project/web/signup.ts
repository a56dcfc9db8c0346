import { APP_VERSION, LIMITS, Theme, type Device } from './shared';

interface Experiment {
  variant: string;
  cohort: number;
}

interface SignupProps {
  plan: 'free' | 'pro';
  trial?: boolean;
  seats: number | null | undefined;
  experiment: Experiment;
  tags: Array<string>;
}

enum Channel {
  Email = 'email',
  Google = 'google',
}

enum Step {
  Start,
  Done,
}

const PAGE = { section: 'hero', order: 2 } as const;

function region(): string {
  return 'eu';
}

export function trackSignup(
  props: SignupProps,
  { trial }: SignupProps,
  channel: Channel,
  device: Device,
) {
  const where = region();
  moesif.track('Signed Up', {
    plan: props.plan,
    trial: trial ?? false,
    seats: props.seats ?? 1,
    variant: props.experiment.variant,
    cohort: props.experiment.cohort,
    tags: props.tags,
    channel,
    provider: Channel.Google,
    step: Step.Done,
    section: PAGE.section,
    order: PAGE.order,
    region: where,
    app_version: APP_VERSION,
    max_seats: LIMITS.maxSeats,
    theme: Theme.Dark,
    mobile: device.mobile,
  });
}
