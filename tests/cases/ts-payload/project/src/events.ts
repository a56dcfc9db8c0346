interface Payload {
  action_name: string;
  metadata: Record<string, unknown>;
}

export const payload: Payload = {
  action_name: 'Exported Report',
  company_id: 'acme',
  metadata: {
    'report.format': 'csv',
    rows: 120 as number,
    filters: { rows: 'all' },
  },
};
