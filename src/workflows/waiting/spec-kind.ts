import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { DataFramerActivities, SpecStatusView } from '../../activities';
import {
  AWAIT_SPEC_ACTIVITY_OPTIONS,
  GET_SPEC_STATUS_ACTIVITY_OPTIONS,
  GET_SPEC_STATUS_LOCAL_ACTIVITY_OPTIONS,
} from '../../common/activity-policies';
import { WORKFLOW_FAILURE_TYPES } from '../../common/failure-types';
import { deadlineExceeded } from '../create-spec-state';
import { RETRY_AFTER_REMEMBERED_PATCH } from '../patches';
import type { CreateSpecState } from '../types';
import type { WaitKind } from './wait-kind';

const statusActivities = proxyActivities<DataFramerActivities>(GET_SPEC_STATUS_ACTIVITY_OPTIONS);
const statusLocalActivities = proxyLocalActivities<DataFramerActivities>(GET_SPEC_STATUS_LOCAL_ACTIVITY_OPTIONS);

/**
 * Specs on the generic waiting machinery. Their activities (`getSpecStatus`, `awaitSpecStatus`),
 * arguments and state are those of 0.1.0, so its histories replay: `awaitSpecStatus` takes
 * `{ specId, ... }`, and a remembered Retry-After holds reads back only in runs that recorded the
 * `dataframer-retry-after-remembered` patch.
 */
export const SPEC_WAIT_KIND: WaitKind<SpecStatusView, CreateSpecState> = {
  read: (specId, context) => statusActivities.getSpecStatus(specId, context),
  readLocally: (specId, context) => statusLocalActivities.getSpecStatus(specId, context),
  awaitTerminal: ({ id, ...position }, context, scheduleToCloseMs) =>
    proxyActivities<DataFramerActivities>({
      ...AWAIT_SPEC_ACTIVITY_OPTIONS,
      scheduleToCloseTimeout: scheduleToCloseMs,
    }).awaitSpecStatus({ specId: id, ...position }, context),
  stillProcessingType: WORKFLOW_FAILURE_TYPES.SpecStillProcessing,
  holdsForRetryAfter: () => patched(RETRY_AFTER_REMEMBERED_PATCH),
  deadlineExceeded,
};
