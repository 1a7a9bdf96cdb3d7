import { randomUUID } from 'node:crypto';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  getNamedType,
  isLeafType,
} from 'graphql';
import { sampleOf } from '../support/schema-walk';
import type { Declaration } from './declarations';
import { isPlatformKind, type PlatformObjects, type TenantObjects } from './world';

export interface SchemaOperation {
  /** `Query.invoices`, `Mutation.revokeApiKey`: the key of its declaration. */
  name: string;
  isChange: boolean;
  field: GraphQLField<unknown, unknown>;
}

/** Every root operation of the schema, queries then mutations, in the schema's order. */
export function schemaOperations(schema: GraphQLSchema): SchemaOperation[] {
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
    .filter((type): type is GraphQLObjectType => Boolean(type))
    .flatMap((type) =>
      Object.values(type.getFields()).map((field) => ({
        name: `${type.name}.${field.name}`,
        isChange: type.name !== 'Query',
        field,
      })),
    );
}

/**
 * Every scalar the answer can carry a few levels down, so that data of the wrong tenant would show;
 * fields that need arguments are left out.
 */
function selectionOf(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!(named instanceof GraphQLObjectType)) return '{ __typename }';
  const parts = ['__typename'];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((arg) => arg.type instanceof GraphQLNonNull)) continue;
    if (isLeafType(getNamedType(field.type))) parts.push(field.name);
    else if (depth > 0) parts.push(`${field.name} ${selectionOf(field.type, depth - 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

export interface MatrixRequest {
  query: string;
  variables: Record<string, unknown>;
  /** Whether an argument names one of the other tenant's objects. */
  aimsAtOtherTenant: boolean;
}

/**
 * The operation with its required arguments filled with placeholders the schema accepts, and each
 * argument the declaration aims replaced by the id of that object in the tenant the caller aims at.
 */
export function requestFor(
  operation: SchemaOperation,
  declaration: Declaration,
  target: { objects: TenantObjects; platform: PlatformObjects; isOtherTenant: boolean },
): MatrixRequest {
  const aims = Object.entries(declaration.aims ?? {});
  const aimed = new Set(aims.map(([path]) => path.split('.')[0]));
  const fixed = declaration.variables ?? {};
  const passed = operation.field.args.filter(
    (arg: GraphQLArgument) => arg.type instanceof GraphQLNonNull || aimed.has(arg.name) || arg.name in fixed,
  );
  const variables: Record<string, unknown> = Object.fromEntries(
    passed.map((arg) => [arg.name, arg.type instanceof GraphQLNonNull ? sampleOf(arg.type) : undefined]),
  );
  const spared = declaration.spareOwnTenant === true && !target.isOtherTenant;
  let aimsAtOtherTenant = false;
  for (const [path, kind] of aims) {
    const platformKind = isPlatformKind(kind);
    const id = platformKind
      ? target.platform[kind as keyof PlatformObjects]
      : spared
        ? randomUUID()
        : target.objects[kind as keyof TenantObjects];
    if (!platformKind && target.isOtherTenant) aimsAtOtherTenant = true;
    const [argName, ...inside] = path.split('.');
    const arg = passed.find((candidate) => candidate.name === argName);
    if (!arg) throw new Error(`${operation.name} has no argument ${argName}`);
    if (inside.length === 0) {
      const isList = getNullable(arg.type) instanceof GraphQLList;
      variables[argName] = isList ? [id] : id;
    } else {
      const holder = (variables[argName] ?? {}) as Record<string, unknown>;
      holder[inside.join('.')] = id;
      variables[argName] = holder;
    }
  }
  Object.assign(variables, fixed);

  const declarations = passed.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const argumentsPassed = passed.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const kind = operation.isChange ? 'mutation' : 'query';
  const query =
    `${kind}${declarations ? `(${declarations})` : ''} ` +
    `{ ${operation.field.name}${argumentsPassed ? `(${argumentsPassed})` : ''} ${selectionOf(operation.field.type, 2)} }`;
  return { query, variables, aimsAtOtherTenant };
}

function getNullable(type: GraphQLArgument['type']) {
  return type instanceof GraphQLNonNull ? type.ofType : type;
}
