// Pages are reached through authRoutes only, so that they stay out of the initial bundle.
export { authRoutes } from './lib/auth.routes';
export { permissionGuard, signedInGuard } from './lib/guards';
