export const APP_VERSION = '2.4.0';
export const LIMITS = { maxSeats: 50 } as const;

export enum Theme {
  Light = 'light',
  Dark = 'dark',
}

export interface Device {
  mobile: boolean;
  width: number;
}
