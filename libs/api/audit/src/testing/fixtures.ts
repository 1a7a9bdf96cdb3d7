// Core's test factories have no import alias yet, hence the path.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test-only entry point without an alias
export * from '../../../core/src/testing';
