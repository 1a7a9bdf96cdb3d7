import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printAppSchema } from './print-schema';

// The schema is built without touching a database; config only needs a well-formed URL.
process.env['DATABASE_URL'] ??= 'postgresql://schema-generation@localhost/unused';

printAppSchema()
  .then((sdl) => {
    writeFileSync(join(__dirname, '../../schema.gql'), sdl);
    console.log('schema.gql written');
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
