import {
  admitRequest,
  ChatError,
  type FieldIssue,
  idProblem,
  type ParsedRequest,
  type RequestName,
} from '@banter/core/protocol';
import { payloadLimitsOf, type ResolvedOptions } from '../options';
import { isReservedUserId } from './host-senders';

/**
 * Admits a host call's input as the matching user request is admitted (the same schema,
 * depth, size and string rules), so the host cannot store what a user could not. A refusal
 * is reworded for the host's call: `unable to <action>: <field>: <problem>`, fields renamed
 * to the host's names.
 */
export function admitHostInput<E extends RequestName>(
  options: ResolvedOptions,
  name: E,
  payload: unknown,
  action: string,
  renames: Record<string, string> = {},
): ParsedRequest<E> {
  try {
    return admitRequest(name, payload, payloadLimitsOf(options));
  } catch (error) {
    if (!(error instanceof ChatError) || error.issues === undefined) throw error;
    const issues = error.issues.map((issue) => ({ ...issue, path: renamed(issue.path, renames) }));
    throw refusal(error.code, action, issues);
  }
}

/** Checks a user id the host names, as a token's user id is checked; Banter's own ids are refused. */
export function checkUserId(userId: unknown, path: string, action: string): string {
  const problem =
    typeof userId !== 'string'
      ? 'must be a string'
      : (idProblem(userId) ??
        (isReservedUserId(userId) ? 'must not start with "banter:" (reserved)' : null));
  if (problem !== null) throw refusal('bad_request', action, [{ path, message: problem }]);
  return userId as string;
}

/** A `bad_request` (or another code) that names its fields. */
export function refusal(code: ChatError['code'], action: string, issues: FieldIssue[]): ChatError {
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return new ChatError(code, `unable to ${action}: ${summary}`, { issues });
}

function renamed(path: string, renames: Record<string, string>): string {
  const [head = '', ...rest] = path.split('.');
  return [renames[head] ?? head, ...rest].join('.');
}
