export { usageRoutes } from './lib/usage.routes';
