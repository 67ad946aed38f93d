// The reference destination: writes people into the made-up RefHR user directory, one request per operation,
// with a switch that breaks it on purpose (stop at the first failure) for the suite's own tests.
import {
  type ApplyOptions,
  type ApplyResult,
  type CallOptions,
  type CommonAdapterOptions,
  type CurrentRecord,
  type Employee,
  type FieldChange,
  type HrDestination,
  HrSyncError,
  type OperationOutcome,
  type SyncPlan,
} from '@hrsync/core';
import { createHttpClient } from '@hrsync/core/http';
import { REFHR_BASE_URL, type RefhrUser } from './refhr-fake.ts';

export interface RefhrDestinationFlaws {
  /** Stops applying at the first failed operation. */
  stopAtFirstFailure?: boolean;
  /** Never passes the caller's signal on. */
  ignoreAbort?: boolean;
  /** loadCurrent() leaves out the link to the source (external_id). */
  forgetLinks?: boolean;
  /** Failed outcomes quote the token. */
  leakTokenInOutcomes?: boolean;
}

export interface RefhrDestinationOptions extends CommonAdapterOptions {
  token: string;
  flaws?: RefhrDestinationFlaws;
}

const INFO = { id: 'refhr-directory', displayName: 'RefHR Directory' } as const;
const WIRE_FIELD: Partial<Record<keyof Employee, keyof RefhrUser>> = {
  firstName: 'first_name',
  lastName: 'last_name',
  workEmail: 'email',
  title: 'title',
};

function wireChanges(changes: readonly FieldChange[]): Partial<RefhrUser> {
  const body: Record<string, unknown> = {};
  for (const { field, after } of changes) {
    const wire = WIRE_FIELD[field];
    if (wire) body[wire] = after ?? null;
  }
  return body as Partial<RefhrUser>;
}

/** Creates the reference RefHR directory destination. */
export function createRefhrDestination(options: RefhrDestinationOptions): HrDestination {
  const { token, flaws = {} } = options;
  if (typeof token !== 'string' || token.trim() === '') {
    throw new HrSyncError('RefHR Directory: token is required', { code: 'CONFIG_INVALID', source: INFO.id });
  }
  const client = createHttpClient({
    ...options,
    source: INFO,
    defaultBaseUrl: REFHR_BASE_URL,
    secrets: [token],
    authorization: () => `Token ${token}`,
    // Creates are not idempotent: only reads and patches are retried.
    retry: { ...options.retry, methods: ['GET', 'PATCH'] },
  });
  const pass = (signal: AbortSignal | undefined) => (flaws.ignoreAbort ? undefined : signal);

  return {
    id: INFO.id,
    displayName: INFO.displayName,
    async loadCurrent(call?: CallOptions): Promise<CurrentRecord[]> {
      const out: CurrentRecord[] = [];
      for (let page: number | null = 1; page !== null; ) {
        const body: { users: RefhrUser[]; next_page: number | null } = await client.getJson('/v1/users', {
          searchParams: { page },
          signal: pass(call?.signal),
        });
        for (const u of body.users) {
          out.push({
            hostId: u.id,
            ...(u.external_id && !flaws.forgetLinks ? { sourceId: u.external_id } : {}),
            workEmail: u.email,
            firstName: u.first_name,
            lastName: u.last_name,
            ...(u.title ? { title: u.title } : {}),
            archived: !u.active,
          });
        }
        page = body.next_page;
      }
      return out;
    },
    async apply(plan: SyncPlan, call?: ApplyOptions): Promise<ApplyResult> {
      const signal = pass(call?.signal);
      signal?.throwIfAborted();
      const total =
        plan.links.length +
        plan.creates.length +
        plan.updates.length +
        plan.reactivations.length +
        plan.archives.length;
      const outcomes: OperationOutcome[] = [];
      let stop = false;
      const run = async (
        type: OperationOutcome['type'],
        sourceId: string | undefined,
        hostId: string | undefined,
        write: () => Promise<string | undefined>,
      ) => {
        if (stop) return;
        const ids = { ...(sourceId !== undefined ? { sourceId } : {}) };
        try {
          const created = await write();
          const host = created ?? hostId;
          outcomes.push({ type, ok: true, ...ids, ...(host !== undefined ? { hostId: host } : {}) });
        } catch (error) {
          // An abort ends the whole call; anything else fails this operation only.
          if (signal?.aborted || !HrSyncError.is(error)) throw error;
          const message = flaws.leakTokenInOutcomes
            ? `${error.message} (sent with token ${token})`
            : error.message;
          outcomes.push({ type, ok: false, ...ids, ...(hostId !== undefined ? { hostId } : {}), message });
          if (flaws.stopAtFirstFailure) stop = true;
        }
        call?.onOperation?.(outcomes.length, total);
      };
      const patch = (hostId: string, body: Partial<RefhrUser>) =>
        client.request(`/v1/users/${encodeURIComponent(hostId)}`, { method: 'PATCH', json: body, signal });

      for (const link of plan.links)
        await run(
          'link',
          link.sourceId,
          link.hostId,
          async () => void (await patch(link.hostId, { external_id: link.sourceId })),
        );
      for (const { employee: e } of plan.creates) {
        await run('create', e.id, undefined, async () => {
          const body: { user: RefhrUser } = await client.postJson(
            '/v1/users',
            {
              external_id: e.id,
              email: e.workEmail,
              first_name: e.firstName,
              last_name: e.lastName,
              title: e.title ?? null,
              active: true,
            },
            { signal },
          );
          return body.user.id;
        });
      }
      for (const u of plan.updates)
        await run(
          'update',
          u.sourceId,
          u.hostId,
          async () => void (await patch(u.hostId, wireChanges(u.changes))),
        );
      for (const r of plan.reactivations) {
        await run(
          'reactivate',
          r.sourceId,
          r.hostId,
          async () => void (await patch(r.hostId, { ...wireChanges(r.changes), active: true })),
        );
      }
      for (const a of plan.archives)
        await run(
          'archive',
          a.sourceId,
          a.hostId,
          async () => void (await patch(a.hostId, { active: false })),
        );
      return { outcomes };
    },
  };
}
