export * from './lib/currencies';
export * from './lib/periods';
export * from './lib/decimals';
export * from './lib/charge-terms';
export * from './lib/money';
export * from './lib/proration';
export * from './lib/usage-charges';
export * from './lib/invoice-composition';
