export * from './operations';
export * from './operator-fixtures';
