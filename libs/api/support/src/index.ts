export * from './lib/support.module';
export { SupportSessionsService } from './lib/support-sessions.service';
export { SupportAction, DEFAULT_SESSION_MINUTES, MAX_SESSION_MINUTES } from './lib/support-rules';
