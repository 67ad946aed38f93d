import type {
  CurrentRecord,
  Employee,
  EmployeeField,
  OrgUnit,
  SourceSnapshot,
  SyncIssue,
  SyncPlan,
} from '../../src/index.ts';
import { EMPLOYEE_FIELDS } from '../../src/index.ts';

/** The `now` every test plans at, unless it says otherwise: today is 2025-06-15 (UTC). */
export const NOW = new Date('2025-06-15T12:00:00.000Z');

/** An active employee with a few fields; `over` wins. */
export function emp(id: string, over: Partial<Employee> = {}): Employee {
  return {
    id,
    firstName: `First${id}`,
    lastName: `Last${id}`,
    workEmail: `${id.toLowerCase()}@example.com`,
    employmentStatus: 'active',
    ...over,
  };
}

/** The host's record of an employee, linked to it: what a previous sync would have written. */
export function hostOf(e: Employee, hostId = `h-${e.id}`, over: Partial<CurrentRecord> = {}): CurrentRecord {
  const { id, ...fields } = e;
  return { hostId, sourceId: id, ...fields, ...over };
}

/** A complete snapshot of `employees`. */
export function snap(employees: Employee[], over: Partial<SourceSnapshot> = {}): SourceSnapshot {
  return {
    source: 'trinet',
    fetchedAt: '2025-06-15T08:00:00.000Z',
    complete: true,
    employees,
    issues: [],
    ...over,
  };
}

/** Departments or locations by id and name. */
export function units(...pairs: [string, string | undefined][]): OrgUnit[] {
  return pairs.map(([id, name]) => (name === undefined ? { id } : { id, name }));
}

/** The issues of a plan with a code, as `recordId` list (sorted). */
export function idsWith(plan: SyncPlan, code: SyncIssue['code']): string[] {
  return plan.issues
    .filter((i) => i.code === code)
    .map((i) => i.recordId ?? '')
    .sort();
}

/** Ids of the people a plan touches, by kind. */
export function outcome(plan: SyncPlan): {
  creates: string[];
  updates: string[];
  archives: string[];
  reactivations: string[];
  links: string[];
} {
  return {
    creates: plan.creates.map((c) => c.employee.id),
    updates: plan.updates.map((u) => `${u.hostId}:${u.sourceId}`),
    archives: plan.archives.map((a) => `${a.hostId}:${a.reason}`),
    reactivations: plan.reactivations.map((r) => `${r.hostId}:${r.sourceId}`),
    links: plan.links.map((l) => `${l.hostId}:${l.sourceId}:${l.matchedBy}`),
  };
}

/** Nothing to do: no creates, updates, archives, reactivations or links. */
export function isEmptyPlan(plan: SyncPlan): boolean {
  return (
    plan.creates.length === 0 &&
    plan.updates.length === 0 &&
    plan.archives.length === 0 &&
    plan.reactivations.length === 0 &&
    plan.links.length === 0
  );
}

const DIFFED: EmployeeField[] = EMPLOYEE_FIELDS.filter((f) => f !== 'id');

function setField(record: CurrentRecord, field: EmployeeField, value: unknown): void {
  const r = record as Record<string, unknown>;
  if (value === undefined) delete r[field];
  else r[field] = value;
}

/**
 * Applies a plan to the host's users the way a destination would (links, updates and reactivations first, so
 * that an email moving from one person to a newcomer is free, then creates and archives), purely: the input is not changed. Updates write only the listed changes, so a plan that forgets a
 * change leaves the host behind and the next plan is not empty.
 */
export function applyPlan(current: readonly CurrentRecord[], plan: SyncPlan): CurrentRecord[] {
  const byHost = new Map<string, CurrentRecord>();
  for (const h of current) byHost.set(h.hostId, structuredClone(h));
  const get = (hostId: string): CurrentRecord => {
    const h = byHost.get(hostId);
    if (h === undefined) throw new Error(`the plan names an unknown host user ${hostId}`);
    return h;
  };
  for (const link of plan.links) {
    const h = get(link.hostId);
    if (h.sourceId !== undefined) throw new Error(`the plan links ${link.hostId}, which is already linked`);
    h.sourceId = link.sourceId;
  }
  for (const u of [...plan.updates, ...plan.reactivations]) {
    const h = get(u.hostId);
    if (h.sourceId !== u.sourceId)
      throw new Error(`the plan changes ${u.hostId} for ${u.sourceId}, not its link`);
    for (const change of u.changes) setField(h, change.field, structuredClone(change.after));
    if (u.type === 'reactivate') delete h.archived;
  }
  for (const c of plan.creates) {
    const hostId = `new-${c.employee.id}`;
    if (byHost.has(hostId)) throw new Error(`the plan creates ${c.employee.id} twice`);
    const record: CurrentRecord = { hostId, sourceId: c.employee.id };
    for (const field of DIFFED) setField(record, field, structuredClone(c.employee[field]));
    byHost.set(hostId, record);
  }
  for (const a of plan.archives) get(a.hostId).archived = true;
  return [...byHost.values()];
}

/** A seeded shuffle (mulberry32), for order-independence checks. */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
