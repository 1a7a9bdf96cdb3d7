export { financeRoutes } from './lib/finance.routes';
export { TenantCreditsPanel } from './lib/credits/tenant-credits-panel';
export { TenantBillingTermsPanel } from './lib/commitments/tenant-billing-terms-panel';
