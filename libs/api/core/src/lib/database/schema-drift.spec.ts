import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeOwnerClient, ownerClient } from '../../testing';

/**
 * `prisma migrate diff` needs Prisma's schema engine, which cannot be downloaded here, so
 * this test compares the migrated database with schema.prisma itself: every model's
 * table, columns, types, nullability, keys, unique and plain indexes, foreign keys and
 * enums must agree, and the database may hold no table the schema does not know.
 */
interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  fields: { name: string }[];
}
interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: { name: string; values: { name: string }[] }[]; indexes: DmmfIndex[] };
}

const dmmf = JSON.parse(
  get_dmmf(
    JSON.stringify({ prismaSchema: readFileSync(join(__dirname, '../../../../../../prisma/schema.prisma'), 'utf8') }),
  ),
) as Dmmf;
const { models, enums, indexes } = dmmf.datamodel;
const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
const columnOf = (model: DmmfModel, fieldName: string) => {
  const field = model.fields.find((candidate) => candidate.name === fieldName);
  if (!field) throw new Error(`${model.name}.${fieldName} is not in schema.prisma`);
  return field.dbName ?? field.name;
};

const SCALAR_UDT: Record<string, string> = {
  String: 'text',
  Int: 'int4',
  BigInt: 'int8',
  Boolean: 'bool',
  DateTime: 'timestamp',
  Json: 'jsonb',
  Float: 'float8',
  Decimal: 'numeric',
  Bytes: 'bytea',
};
const NATIVE_UDT: Record<string, string> = {
  Uuid: 'uuid',
  VarChar: 'varchar',
  Timestamptz: 'timestamptz',
  Text: 'text',
  Decimal: 'numeric',
  Char: 'bpchar',
};

function expectedUdt(field: DmmfField): string {
  const base =
    field.kind === 'enum' ? field.type : field.nativeType ? NATIVE_UDT[field.nativeType[0]] : SCALAR_UDT[field.type];
  if (!base) throw new Error(`no mapping for ${field.type} ${JSON.stringify(field.nativeType)}`);
  return field.isList ? `_${base}` : base;
}

describe('schema.prisma and the migrated database', () => {
  let columns: { table_name: string; column_name: string; udt_name: string; is_nullable: string }[];
  let keyColumns: { table_name: string; kind: string; columns: string[]; partial: boolean }[];
  let foreignKeys: { table_name: string; columns: string[]; ref_table: string; ref_columns: string[] }[];
  let tables: string[];

  beforeAll(async () => {
    const db = ownerClient();
    tables = (
      await db.$queryRaw<{ table_name: string }[]>`
        SELECT c.relname::text AS table_name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`
    ).map((row) => row.table_name);
    columns = await db.$queryRaw`
      SELECT table_name::text, column_name::text, udt_name::text, is_nullable::text FROM information_schema.columns WHERE table_schema = 'public'`;
    keyColumns = await db.$queryRaw`
      SELECT t.relname::text AS table_name,
             CASE WHEN i.indisprimary THEN 'id' WHEN i.indisunique THEN 'unique' ELSE 'normal' END AS kind,
             array_agg(a.attname::text ORDER BY k.ord) AS columns,
             i.indpred IS NOT NULL AS partial
      FROM pg_index i
      JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      GROUP BY t.relname, i.indexrelid, i.indisprimary, i.indisunique, i.indpred`;
    foreignKeys = await db.$queryRaw`
      SELECT c.conrelid::regclass::text AS table_name, c.confrelid::regclass::text AS ref_table,
             ARRAY(SELECT attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute ON attrelid = c.conrelid AND attnum = k.n ORDER BY o) AS columns,
             ARRAY(SELECT attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute ON attrelid = c.confrelid AND attnum = k.n ORDER BY o) AS ref_columns
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace AND n.nspname = 'public'
      WHERE c.contype = 'f'`;
  });

  afterAll(() => closeOwnerClient());

  it('has exactly the tables of the models', () => {
    expect(tables.filter((table) => table !== '_prisma_migrations').sort()).toEqual(models.map(tableOf).sort());
  });

  it.each(models.map((model) => [model.name, model] as const))(
    '%s: columns, types and nullability agree',
    (_name, model) => {
      const actual = columns
        .filter((column) => column.table_name === tableOf(model))
        .map(
          (column) => `${column.column_name} ${column.udt_name} ${column.is_nullable === 'YES' ? 'null' : 'not null'}`,
        )
        .sort();
      const expected = model.fields
        .filter((field) => field.kind !== 'object')
        .map(
          (field) =>
            `${field.dbName ?? field.name} ${expectedUdt(field)} ${field.isRequired || field.isList ? 'not null' : 'null'}`,
        )
        .sort();
      expect(actual).toEqual(expected);
    },
  );

  it.each(models.map((model) => [model.name, model] as const))(
    '%s: primary key, unique and plain indexes agree',
    (_name, model) => {
      const summary = (kind: string, cols: string[]) => `${kind}(${cols.join(',')})`;
      const expected = indexes
        .filter((index) => index.model === model.name)
        .map((index) =>
          summary(
            index.type,
            index.fields.map((field) => columnOf(model, field.name)),
          ),
        )
        .sort();
      // Partial unique indexes (e.g. one pending invitation per e-mail) are rules Prisma
      // cannot express; they are checked by the domain tests instead.
      const actual = keyColumns
        .filter((index) => index.table_name === tableOf(model) && !index.partial)
        .map((index) => summary(index.kind, index.columns))
        .sort();
      expect(actual).toEqual(expected);
    },
  );

  it.each(models.map((model) => [model.name, model] as const))('%s: foreign keys agree', (_name, model) => {
    const expected = model.fields
      .filter((field) => field.kind === 'object' && field.relationFromFields?.length)
      .map((field) => {
        const target = models.find((candidate) => candidate.name === field.type) as DmmfModel;
        return `(${field.relationFromFields?.map((name) => columnOf(model, name)).join(',')}) -> ${tableOf(target)}(${field.relationToFields?.map((name) => columnOf(target, name)).join(',')})`;
      })
      .sort();
    const actual = foreignKeys
      .filter((fk) => fk.table_name === tableOf(model))
      .map((fk) => `(${fk.columns.join(',')}) -> ${fk.ref_table}(${fk.ref_columns.join(',')})`)
      .sort();
    expect(actual).toEqual(expected);
  });

  it('has the same enums and values', async () => {
    const rows = await ownerClient().$queryRaw<{ name: string; value: string }[]>`
      SELECT t.typname::text AS name, e.enumlabel::text AS value FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid ORDER BY t.typname, e.enumsortorder`;
    const actual = Object.fromEntries(
      enums.map((item) => [item.name, rows.filter((row) => row.name === item.name).map((row) => row.value)]),
    );
    expect(actual).toEqual(
      Object.fromEntries(enums.map((item) => [item.name, item.values.map((value) => value.name)])),
    );
    expect(new Set(rows.map((row) => row.name))).toEqual(new Set(enums.map((item) => item.name)));
  });
});
