import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ACCESS_POLICY, type AccessPolicy } from '@warbler/api/access';
import { startApp, type StartedApp } from './support/started-app';

/** Operations the schema exposes at its roots, by resolver method name. */
const RESOLVER_TYPE = 'graphql:resolver_type';
const RESOLVER_NAME = 'graphql:resolver_name';

describe('every operation declares an access policy (fail closed)', () => {
  let started: StartedApp;
  const declared = new Map<string, AccessPolicy | undefined>();

  beforeAll(async () => {
    started = await startApp();
    const discovery = new DiscoveryService(started.app.get(ModulesContainer));
    const scanner = new MetadataScanner();
    const reflector = started.app.get(Reflector);
    for (const wrapper of [...discovery.getControllers(), ...discovery.getProviders()]) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      const isController = wrapper.metatype ? Reflect.hasMetadata(PATH_METADATA, wrapper.metatype) : false;
      for (const method of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[method];
        const rootType = Reflect.getMetadata(RESOLVER_TYPE, handler) as string | undefined;
        const isRoute = isController && Reflect.hasMetadata(PATH_METADATA, handler);
        const isRootOperation = rootType === 'Query' || rootType === 'Mutation' || rootType === 'Subscription';
        if (!isRoute && !isRootOperation) continue;
        const name = isRootOperation
          ? `${rootType}.${Reflect.getMetadata(RESOLVER_NAME, handler) ?? method}`
          : `${wrapper.name}.${method}`;
        declared.set(
          name,
          reflector.getAllAndOverride<AccessPolicy>(ACCESS_POLICY, [handler, wrapper.metatype as never]),
        );
      }
    }
  });

  afterAll(() => started.close());

  it('finds a policy on every route and root GraphQL operation', () => {
    const missing = [...declared].filter(([, policy]) => !policy).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('covers every root field of the schema', () => {
    const { schema } = started.app.get(GraphQLSchemaHost);
    const fields = [schema.getQueryType(), schema.getMutationType()]
      .filter((type) => type !== null && type !== undefined)
      .flatMap((type) => Object.keys(type.getFields()).map((field) => `${type.name}.${field}`));
    const covered = new Set([...declared.keys()]);
    expect(fields.filter((field) => !covered.has(field))).toEqual([]);
  });

  it('documents why each public operation is public', () => {
    const publicOnes = [...declared].filter(([, policy]) => policy?.kind === 'public');
    for (const [, policy] of publicOnes) expect((policy as { why: string }).why.length).toBeGreaterThan(10);
  });
});
