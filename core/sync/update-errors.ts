/**
 * Why an update was refused. The relay turns these into close code 1007 or HTTP 422 with the
 * message, and the client into a sentence for the person importing a file, so each message says
 * what is wrong in terms a reader can act on.
 */
export const UPDATE_PROBLEMS = [
  'malformed',
  'unsupported',
  'too-many-structs',
  'too-many-deletes',
  'too-deep',
  'incomplete',
  'unknown-deletes',
] as const
export type UpdateProblem = (typeof UPDATE_PROBLEMS)[number]

export class UpdateRejectedError extends Error {
  override name = 'UpdateRejectedError'
  constructor(
    readonly problem: UpdateProblem,
    message: string,
  ) {
    super(message)
  }
}
