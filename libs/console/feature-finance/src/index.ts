export { financeRoutes } from './lib/finance.routes';
