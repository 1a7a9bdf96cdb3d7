import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

interface Problem {
  path: string;
  message: string;
}

/** Nested inputs report their problems on children: flatten them to dotted paths. */
function problemsOf(errors: ValidationError[], parent = ''): Problem[] {
  return errors.flatMap((error) => {
    const index = /^\d+$/.test(error.property);
    const path = !parent ? error.property : index ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...problemsOf(error.children ?? [], path)];
  });
}

/** Input validation for every resolver and route: unknown fields refused, errors coded. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const problems = problemsOf(errors);
      // class-validator messages start with the property's name; nested ones also say where it is.
      const message = problems
        .map((problem) => (/[.[]/.test(problem.path) ? `${problem.path}: ${problem.message}` : problem.message))
        .join('; ');
      return new DomainError('BAD_USER_INPUT', message || 'Invalid input', 'VALIDATION_FAILED', {
        fields: errors.map((error) => error.property),
        problems,
      });
    },
  });
}
