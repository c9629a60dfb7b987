/** The error `action` throws; fails the test when it throws nothing. */
export function thrownBy(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, but nothing was thrown');
}

/** The message of the error `action` throws; fails the test when it throws nothing. */
export const messageThrownBy = (action: () => unknown): string => thrownBy(action).message;
