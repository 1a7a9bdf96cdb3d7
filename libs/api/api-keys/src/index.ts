export * from './lib/api-keys.module';
export { ApiKeysService, type NewApiKey } from './lib/api-keys.service';
export { ApiKeyAction, MAX_ACTIVE_API_KEYS } from './lib/api-key-rules';
