export * from './lib/access-policy';
export * from './lib/access-tokens';
export * from './lib/access.module';
export * from './lib/ability';
export * from './lib/actor-resolver';
export * from './lib/current-actor.decorator';
export * from './lib/request';
