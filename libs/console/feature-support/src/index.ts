export { supportAccessRoutes, supportApprovalRoutes, supportRoutes } from './lib/support.routes';
export { StartSupportSessionPage } from './lib/start-support-session-page';
export { SupportSessionBanner } from './lib/support-session-banner';
export { SupportAccessCard } from './lib/support-access-card';
export { SupportSessionStore } from './lib/support-session.store';
