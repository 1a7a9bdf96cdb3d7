import { randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  getNamedType,
  isLeafType,
} from 'graphql';
import { ACCESS_POLICY, type AccessPolicy } from '@warbler/api/access';
import type { StartedApp } from './started-app';

/**
 * The running app's whole surface, found from the app itself rather than from a list typed by hand:
 * every mutation of its schema with the access policy its resolver declares, and every REST route.
 * Tests that must hold over everything (suspension, read-only support sessions) walk these.
 */

const RESOLVER_TYPE = 'graphql:resolver_type';
const RESOLVER_NAME = 'graphql:resolver_name';

export interface Route {
  method: string;
  path: string;
  policy: AccessPolicy;
}

/** Every mutation field of the app's schema. */
export function schemaMutations(started: StartedApp): GraphQLField<unknown, unknown>[] {
  return Object.values(started.app.get(GraphQLSchemaHost).schema.getMutationType()?.getFields() ?? {});
}

/** The access policy each mutation's resolver declares, by mutation name. */
export function mutationPolicies(started: StartedApp): Map<string, AccessPolicy> {
  const discovery = new DiscoveryService(started.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = started.app.get(Reflector);
  const policies = new Map<string, AccessPolicy>();
  for (const wrapper of discovery.getProviders()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object') continue;
    const prototype = Object.getPrototypeOf(instance);
    for (const method of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[method];
      if (Reflect.getMetadata(RESOLVER_TYPE, handler) !== 'Mutation') continue;
      const name = (Reflect.getMetadata(RESOLVER_NAME, handler) as string | undefined) ?? method;
      policies.set(
        name,
        reflector.getAllAndOverride<AccessPolicy>(ACCESS_POLICY, [handler, wrapper.metatype as never]),
      );
    }
  }
  return policies;
}

/** Every REST route of the app's controllers, with the policy its handler declares. */
export function routePolicies(started: StartedApp): Route[] {
  const discovery = new DiscoveryService(started.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = started.app.get(Reflector);
  const routes: Route[] = [];
  for (const wrapper of discovery.getControllers()) {
    const prototype = Object.getPrototypeOf(wrapper.instance);
    const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype as object) ?? '');
    for (const method of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[method];
      const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (verb === undefined) continue;
      const paths = [Reflect.getMetadata(PATH_METADATA, handler) as string | string[]].flat();
      for (const path of paths) {
        routes.push({
          method: RequestMethod[verb],
          path: `/${[base, path].filter((part) => part && part !== '/').join('/')}`.replace(/\/+/g, '/'),
          policy: reflector.getAllAndOverride<AccessPolicy>(ACCESS_POLICY, [handler, wrapper.metatype as never]),
        });
      }
    }
  }
  return routes;
}

/**
 * Some value the schema accepts for a required argument: the guard decides before any input is
 * checked. Dates are an hour ahead, so that one which must lie in the future is one.
 */
export function sampleOf(type: GraphQLInputType): unknown {
  if (type instanceof GraphQLNonNull) return sampleOf(type.ofType);
  if (type instanceof GraphQLList) return [sampleOf(type.ofType)];
  if (type instanceof GraphQLEnumType) return type.getValues()[0].name;
  if (type instanceof GraphQLInputObjectType) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => field.type instanceof GraphQLNonNull)
        .map((field) => [field.name, sampleOf(field.type)]),
    );
  }
  const scalar = type as GraphQLScalarType;
  const samples: Record<string, unknown> = {
    ID: randomUUID(),
    String: 'sample',
    Int: 1,
    Float: 1,
    Boolean: true,
    DateTime: new Date(Date.now() + 3_600_000).toISOString(),
    JSON: {},
  };
  if (!(scalar.name in samples)) throw new Error(`no sample for scalar ${scalar.name}`);
  return samples[scalar.name];
}

/** The mutation with every required argument as a variable, asking for as little as it can. */
export function mutationOperation(field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((arg: GraphQLArgument) => arg.type instanceof GraphQLNonNull);
  const declarations = required.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const passed = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return {
    query: `mutation${declarations ? `(${declarations})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`,
    variables: Object.fromEntries(required.map((arg) => [arg.name, sampleOf(arg.type)])),
  };
}
