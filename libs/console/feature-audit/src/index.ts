export { auditRoutes } from './lib/audit.routes';
