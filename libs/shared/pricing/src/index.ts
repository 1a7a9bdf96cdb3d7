export * from './lib/currencies';
export * from './lib/periods';
export * from './lib/decimals';
export * from './lib/charge-terms';
