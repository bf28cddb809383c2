import assert from 'node:assert/strict';
import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@temporalio/common';
import { cutOffByDeadline } from '../../src/workflows/waiting/transient-failures';

// Which failed create is "the deadline passed" (SpecDeadlineExceeded, JobDeadlineExceeded) and which
// is the create's own last error: an attempt's own timeout as the last of createMaximumAttempts is not
// the deadline.

const last500 = ApplicationFailure.retryable('HTTP 500', 'InternalServerError');

function activityFailure(retryState: ActivityFailure['retryState'], cause: Error): ActivityFailure {
  return new ActivityFailure('activity failed', 'createRun', '1', retryState, 'worker', cause);
}

describe('cutOffByDeadline', () => {
  it('is the schedule-to-close timeout, with the last attempt’s failure', () => {
    const timeout = new TimeoutFailure('timed out', undefined, 'SCHEDULE_TO_CLOSE');
    (timeout as { cause?: Error }).cause = last500;
    assert.deepEqual(cutOffByDeadline(activityFailure('TIMEOUT', timeout)), { last: last500 });
  });

  it('is a last failure with retry state TIMEOUT (the next retry would come too late)', () => {
    assert.deepEqual(cutOffByDeadline(activityFailure('TIMEOUT', last500)), { last: last500 });
  });

  it('is not an attempt’s own start-to-close timeout ending createMaximumAttempts', () => {
    const timeout = new TimeoutFailure('timed out', undefined, 'START_TO_CLOSE');
    assert.equal(cutOffByDeadline(activityFailure('MAXIMUM_ATTEMPTS_REACHED', timeout)), undefined);
  });

  it('is not a non-retryable failure or anything but an activity failure', () => {
    const badRequest = ApplicationFailure.nonRetryable('HTTP 400', 'BadRequestError');
    assert.equal(cutOffByDeadline(activityFailure('NON_RETRYABLE_FAILURE', badRequest)), undefined);
    assert.equal(cutOffByDeadline(last500), undefined);
  });
});
