export { exportsRoutes } from './lib/exports.routes';
