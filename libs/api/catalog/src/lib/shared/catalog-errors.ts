import { badInput, Prisma } from '@warbler/api/core';
import type { TermsProblem } from '@warbler/shared/pricing';

/** One BAD_USER_INPUT naming every problem by its path in the input, so a form can mark each field. */
export function invalidTerms(problems: TermsProblem[], reason = 'INVALID_PLAN_TERMS') {
  const summary = problems
    .slice(0, 5)
    .map((problem) => `${problem.path}: ${problem.message}`)
    .join('; ');
  return badInput(`The plan terms are invalid: ${summary}${problems.length > 5 ? '; …' : ''}`, reason, {
    problems,
  });
}

/** True when the database refused a row because a unique index already holds its key. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
