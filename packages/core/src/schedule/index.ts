export {
  createSyncScheduler,
  DEFAULT_SYNC_INTERVAL_MS,
  DEFAULT_SYNC_JITTER_RATIO,
} from './create-sync-scheduler.ts';
export type {
  LastError,
  LastSuccess,
  SchedulerStartOptions,
  SchedulerTimers,
  SyncFailedEvent,
  SyncFinishedEvent,
  SyncPausedEvent,
  SyncResumedEvent,
  SyncRunContext,
  SyncRunFunction,
  SyncScheduler,
  SyncSchedulerEvents,
  SyncSchedulerListener,
  SyncSchedulerOptions,
  SyncStartedEvent,
  SyncTrigger,
  TriggerDuringRun,
} from './sync-scheduler-types.ts';
