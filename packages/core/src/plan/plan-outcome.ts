import type { SourceInfo, SyncIssue } from '../model/issue.ts';
import type {
  PlanArchive,
  PlanBlock,
  PlanCreate,
  PlanLink,
  PlanReactivation,
  PlanSummary,
  PlanUpdate,
  SafetyOptions,
} from './types.ts';

const DEFAULT_MAX_ARCHIVE_RATIO = 0.2;

/**
 * Counts a plan by kind and its issues by code.
 *
 * @internal
 */
export function summarize(
  creates: readonly PlanCreate[],
  updates: readonly PlanUpdate[],
  archives: readonly PlanArchive[],
  reactivations: readonly PlanReactivation[],
  links: readonly PlanLink[],
  unchanged: number,
  issues: readonly SyncIssue[],
): PlanSummary {
  const byCode: PlanSummary['byCode'] = {};
  for (const issue of issues) byCode[issue.code] = (byCode[issue.code] ?? 0) + 1;
  return {
    creates: creates.length,
    updates: updates.length,
    archives: archives.length,
    reactivations: reactivations.length,
    links: links.length,
    unchanged,
    issues: issues.length,
    byCode,
  };
}

/**
 * Why a plan must not be applied, if it must not: it archives anyone from an incomplete snapshot, or more people
 * than the safety limits allow (unless mass archiving is allowed).
 *
 * @param activeCount active host users linked to the source, or linked by this plan
 * @internal
 */
export function blockFor(
  archives: readonly PlanArchive[],
  activeCount: number,
  complete: boolean,
  safety: SafetyOptions | undefined,
  source: SourceInfo,
): PlanBlock | undefined {
  const archiveCount = archives.length;
  if (archiveCount === 0) return undefined;
  if (!complete) {
    let missing = 0;
    for (const a of archives) if (a.reason === 'missing_from_source') missing++;
    return {
      code: 'SYNC_INCOMPLETE_SOURCE',
      message: `The read from ${source.displayName} was incomplete and the plan would archive ${archiveCount} people (${missing} of them only because they were not read); it must not be applied.`,
      archiveCount,
      activeCount,
    };
  }
  if (safety?.allowMassArchive === true) return undefined;
  const maxArchiveRatio = safety?.maxArchiveRatio ?? DEFAULT_MAX_ARCHIVE_RATIO;
  const maxArchiveCount = safety?.maxArchiveCount;
  const overRatio = archiveCount > maxArchiveRatio * activeCount;
  const overCount = maxArchiveCount !== undefined && archiveCount > maxArchiveCount;
  if (!overRatio && !overCount) return undefined;
  const limits = [`${round(maxArchiveRatio * 100)}% of ${activeCount} active people`];
  if (maxArchiveCount !== undefined) limits.push(`${maxArchiveCount} people`);
  const share = activeCount === 0 ? 100 : (archiveCount / activeCount) * 100;
  const block: PlanBlock = {
    code: 'SYNC_ARCHIVE_THRESHOLD_EXCEEDED',
    message: `The plan would archive ${archiveCount} people (${round(share)}% of ${activeCount} active), above the limit of ${limits.join(' or ')}; check the leavers in ${source.displayName}, then allow mass archiving to apply it.`,
    archiveCount,
    activeCount,
    maxArchiveRatio,
  };
  if (maxArchiveCount !== undefined) block.maxArchiveCount = maxArchiveCount;
  return block;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
