export { apiKeysRoutes } from './lib/api-keys.routes';
