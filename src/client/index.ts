export { startCreateSpec, executeCreateSpec, type StartCreateSpecOptions } from './start-create-spec';
