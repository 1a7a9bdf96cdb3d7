import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printAppSchema } from '../../../tools/schema/print-schema';

describe('schema.gql', () => {
  it('is the schema the code builds (run `npm run schema:generate` after changing the API)', async () => {
    const committed = readFileSync(join(__dirname, '../../../schema.gql'), 'utf8');
    expect(await printAppSchema()).toBe(committed);
  });
});
