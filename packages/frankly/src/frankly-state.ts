import { type Employee, EmployeeSchema } from '@hrsync/core';
import { z } from 'zod';
import { type FranklyOrganization, FranklyOrganizationSchema } from './frankly-wire.ts';

/**
 * One person the destination has pushed.
 *
 * @example
 * ```ts
 * const person: FranklyStatePerson = { hostId: '00001234', sourceId: '00001234', employee, archived: false };
 * ```
 */
export interface FranklyStatePerson {
  /** The user's `externalId` in &frankly, and its `hostId` in plans: the source's employee id when it was created. */
  hostId: string;
  /**
   * The source's employee id, when the user is linked to one: `hostId` for users this destination created, or the
   * id a link (a match by email) tied a pre-existing managed user to. Absent for an unlinked user.
   */
  sourceId?: string | undefined;
  /** The person as the HR system last described them (`employee.id` is the `sourceId`, or the `hostId`). */
  employee: Employee;
  /** True once the person is out of &frankly (left, terminated, or removed by a plan). */
  archived: boolean;
}

/**
 * The last state the destination pushed to &frankly and &frankly accepted: the people as the HR system described
 * them (so a plan against it is empty when nothing changed), who of them is out of &frankly (`archived`), and the
 * exact payload &frankly holds. Plain JSON, so any store can keep it.
 *
 * @example
 * ```ts
 * const state: FranklyState = {
 *   version: 1,
 *   source: 'trinet',
 *   savedAt: '2025-06-15T12:00:00.000Z',
 *   people: [],
 *   organization: { users: [], groups: [] },
 * };
 * ```
 */
export interface FranklyState {
  /** The format of this object; bumped on an incompatible change. */
  version: 1;
  /** The source id of the people (`'trinet'`). */
  source: string;
  /** When &frankly accepted it, ISO 8601. */
  savedAt: string;
  /** Everyone the destination has pushed, one entry per `hostId`. */
  people: FranklyStatePerson[];
  /** The users and groups &frankly holds as managed, as last accepted. */
  organization: FranklyOrganization;
}

/**
 * The schema of {@link FranklyState}: use it to validate what a store reads back.
 *
 * @example
 * ```ts
 * const state = FranklyStateSchema.parse(JSON.parse(await readFile('frankly-state.json', 'utf8')));
 * ```
 */
export const FranklyStateSchema: z.ZodType<FranklyState> = z.object({
  version: z.literal(1),
  source: z.string().min(1),
  savedAt: z.string(),
  people: z.array(
    z.object({
      hostId: z.string().min(1),
      sourceId: z.string().min(1).optional(),
      employee: EmployeeSchema,
      archived: z.boolean(),
    }),
  ),
  organization: FranklyOrganizationSchema,
});

/**
 * Where the &frankly destination keeps the last state it pushed. &frankly's API is write-only and full-state, so
 * this is how `loadCurrent()` knows what &frankly holds. `save()` is called only after &frankly accepted a push.
 * Keep one per company (a row in the host's database is typical).
 *
 * @example
 * ```ts
 * const stateStore: FranklyStateStore = {
 *   load: async () => {
 *     const row = await db.franklyState.find(companyId);
 *     return row ? FranklyStateSchema.parse(JSON.parse(row.json)) : undefined;
 *   },
 *   save: async (state) => db.franklyState.upsert(companyId, JSON.stringify(state)),
 * };
 * ```
 */
export interface FranklyStateStore {
  /** The last saved state, or `undefined` before the first push. */
  load(): Promise<FranklyState | undefined>;
  /** Replaces the saved state. */
  save(state: FranklyState): Promise<void>;
}

/**
 * A {@link FranklyStateStore} in memory: the default, good for tests and one-process demos. The state is lost when
 * the process ends, and the next `loadCurrent()` starts empty (the next push then re-creates everyone as managed,
 * which &frankly matches by `externalId`, so nothing is lost there).
 *
 * @example
 * ```ts
 * const stateStore = createMemoryFranklyStateStore();
 * const destination = createFranklyDestination({ token, stateStore });
 * ```
 */
export function createMemoryFranklyStateStore(initial?: FranklyState): FranklyStateStore {
  // Stored as JSON so a caller mutating what it loaded cannot change the saved state.
  let json = initial === undefined ? undefined : JSON.stringify(initial);
  return {
    load: async () => (json === undefined ? undefined : (JSON.parse(json) as FranklyState)),
    save: async (state) => {
      json = JSON.stringify(state);
    },
  };
}
