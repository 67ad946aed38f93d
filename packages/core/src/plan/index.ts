export { planSync } from './plan-sync.ts';
export type {
  ArchiveReason,
  FieldChange,
  MatchStrategy,
  PlanArchive,
  PlanBlock,
  PlanCreate,
  PlanInput,
  PlanLink,
  PlanReactivation,
  PlanSummary,
  PlanUpdate,
  SafetyOptions,
  SyncPlan,
} from './types.ts';
