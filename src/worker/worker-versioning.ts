import type { VersioningBehavior } from '@temporalio/common';
import type { WorkerDeploymentOptions } from '@temporalio/worker';

/**
 * Worker Versioning (Temporal worker deployments): this worker is version `buildId` of deployment
 * `deploymentName`, and receives workflow tasks only for the workflows of its own version (plus new
 * ones once the version is made current: `temporal worker deployment set-current-version`). It is how
 * a release that breaks replay ships: the old version's workers keep serving the runs pinned to it
 * until they drain, while new runs start on the new version.
 */
export interface WorkerVersioningOptions {
  /** The worker deployment: the same for every release of this worker (for example `dataframer-specs`). */
  deploymentName: string;
  /** This release's build id, unique per version of the workflow code (for example the package version). */
  buildId: string;
  /** What workflows started on this version do when a newer version becomes current. @default DEFAULT_VERSIONING_BEHAVIOR */
  defaultVersioningBehavior?: VersioningBehavior;
}

/**
 * PINNED: a spec workflow runs for hours (a batch for days) and its code may change between releases
 * in ways its history cannot replay; pinned, a run finishes on the code it started with, which no
 * patch discipline can get wrong. AUTO_UPGRADE suits releases that only add `patched()` changes.
 */
export const DEFAULT_VERSIONING_BEHAVIOR = 'PINNED' satisfies VersioningBehavior;

/** Every versioning behavior a worker can default to. */
export const VERSIONING_BEHAVIORS = ['PINNED', 'AUTO_UPGRADE'] as const satisfies readonly VersioningBehavior[];

/** The SDK's `workerDeploymentOptions` for these options; undefined (versioning off) without them. */
export function toWorkerDeploymentOptions(
  versioning: WorkerVersioningOptions | undefined,
): WorkerDeploymentOptions | undefined {
  if (versioning === undefined) return undefined;
  const { deploymentName, buildId } = versioning;
  if (deploymentName.trim() === '' || buildId.trim() === '') {
    throw new TypeError('Worker Versioning needs a non-empty deploymentName and buildId');
  }
  return {
    version: { deploymentName, buildId },
    useWorkerVersioning: true,
    defaultVersioningBehavior: versioning.defaultVersioningBehavior ?? DEFAULT_VERSIONING_BEHAVIOR,
  };
}
