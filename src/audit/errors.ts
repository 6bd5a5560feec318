/** An input problem the user can fix: exit code 2 with a one-line message. */
export class InputError extends Error {}
