import { ValidationPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/** Input validation for every resolver and route: unknown fields refused, errors coded. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new DomainError(
        'BAD_USER_INPUT',
        errors.flatMap((error) => Object.values(error.constraints ?? {})).join('; ') || 'Invalid input',
        'VALIDATION_FAILED',
        { fields: errors.map((error) => error.property) },
      ),
  });
}
