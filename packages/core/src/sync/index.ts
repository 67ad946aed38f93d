export { type CollectSnapshotOptions, collectSnapshot } from './collect-snapshot.ts';
export { type RunSyncOptions, runSync } from './run-sync.ts';
