// The HTTP test harness and core's factories come through the audit lib's testing folder,
// which this lib builds on; no alias exposes it, hence the path.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test-only entry point without an alias
export * from '../../../audit/src/testing';
