export * from './operations';
export * from './catalog-fixtures';
