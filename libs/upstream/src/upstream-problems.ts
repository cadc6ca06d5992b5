import { problemExample, type ProblemExample } from '@app/common';
import { upstreamBusy } from './upstream-budget';
import type { UpstreamErrors, UpstreamFailure, UpstreamOperation } from './upstream-call';

/** A provider's own failures of each kind, in its vocabulary (its error codes). */
export interface ProviderFailures {
  /** Our keys, permissions or configuration refused. */
  rejected: UpstreamFailure;
  throttled: UpstreamFailure;
  /** An outage on the provider's side. */
  unavailable: UpstreamFailure;
}

/**
 * What a route that calls `operation` may answer because of the provider, as the provider's own
 * error mapping turns each kind of failure into an answer: the documentation cannot drift from it.
 */
export function upstreamProblems<Operation extends UpstreamOperation>(
  operation: Operation,
  errors: UpstreamErrors<Operation>,
  failures: ProviderFailures,
): ProblemExample[] {
  const answer = (failure: UpstreamFailure, summary: string) =>
    problemExample(errors.toApiError(failure, operation, new Error('documentation example')), summary);
  return [
    answer(failures.rejected, 'The provider refused our request: our keys, permissions or configuration, not your input.'),
    problemExample(
      upstreamBusy(operation.provider, operation.action),
      'Our shared budget of calls to the provider is used up for the moment.',
    ),
    answer(failures.throttled, 'The provider is throttling our requests.'),
    answer(failures.unavailable, 'The provider is unavailable.'),
    answer({ kind: 'timeout' }, 'The provider did not answer in time.'),
  ];
}
