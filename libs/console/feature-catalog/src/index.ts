export { catalogRoutes } from './lib/catalog.routes';
