import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printAppSchema } from './print-schema';

printAppSchema()
  .then((sdl) => {
    writeFileSync(join(__dirname, '../../schema.gql'), sdl);
    console.log('schema.gql written');
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
