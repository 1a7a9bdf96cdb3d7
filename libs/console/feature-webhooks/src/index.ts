export { webhooksRoutes } from './lib/webhooks.routes';
