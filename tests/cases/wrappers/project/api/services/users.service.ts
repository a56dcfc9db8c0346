import { AnalyticsService } from './analytics.service';
import { AuditService } from './audit.service';

export class UsersService {
  constructor(
    private analyticsService: AnalyticsService,
    private audit: AuditService,
  ) {}

  signUp(id: string) {
    this.analyticsService.track('Signed Up', id, { 'sign.up.method': 'email' });
    this.audit.track('Audit', id, { 'audit.only': true });
  }
}

export function backfill() {
  const analytics = new AnalyticsService('KEY');
  analytics.track('Backfilled', 'system', { 'backfill.rows': 10 });
}
