/**
 * An error caused by the user's input (an option, an answer, a project file). The CLI prints
 * its message as one line and exits non-zero, without a stack trace.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function isUsageError(error: unknown): error is UsageError {
  return error instanceof Error && error.name === 'UsageError';
}
