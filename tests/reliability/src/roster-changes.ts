/**
 * A roster that changes the ways a company does (joiners, leavers, terminations, edits, email changes, rehires),
 * for property tests of `runSync`. The changes keep the roster consistent, as an HR system does: emails stay unique,
 * a manager is always a current person ranked above their reports (no cycles), and the reports of a leaver move to
 * the CEO, who never leaves.
 */
import {
  collectSnapshot,
  type Employee,
  type HrSource,
  type SourceRecord,
  type SourceSnapshot,
} from '@hrsync/core';

/** One change to a roster. `pick` chooses among the candidates, `value` makes new text unique. */
export interface RosterChange {
  kind: 'join' | 'leave' | 'terminate' | 'edit' | 'email' | 'rehire' | 'manager';
  pick: number;
  value: number;
}

/** A roster being changed, and the people who left it (for rehires). */
export interface ChangingRoster {
  /** The people the source lists now, in order. */
  people: Employee[];
  /** People removed from the source, who may come back. */
  gone: Employee[];
  /** The day leavers' end dates are before. */
  now: string;
}

const isCurrent = (e: Employee) => e.employmentStatus !== 'terminated';
const dayBefore = (day: string, days: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
};

/** Applies one change; a change with no candidate does nothing. Returns a description for failure reports. */
export function applyChange(roster: ChangingRoster, change: RosterChange): string {
  const { people } = roster;
  const ceo = people[0] as Employee;
  const current = people.filter((e, i) => i > 0 && isCurrent(e));
  const choose = <T>(items: readonly T[]): T | undefined =>
    items.length === 0 ? undefined : items[change.pick % items.length];
  const moveReports = (leaver: Employee) => {
    for (const e of people) if (e.managerId === leaver.id) e.managerId = ceo.id;
  };
  switch (change.kind) {
    case 'join': {
      const id = `J${change.value}-${people.length + roster.gone.length}`;
      if (people.some((e) => e.id === id) || roster.gone.some((e) => e.id === id)) return 'join: id taken';
      const manager = choose([ceo, ...current]) ?? ceo;
      people.push({
        id,
        firstName: 'New',
        lastName: `Joiner${change.value}`,
        workEmail: `${id.toLowerCase()}@example.com`,
        employmentStatus: 'active',
        employmentType: 'full_time',
        title: 'Analyst',
        startDate: dayBefore(roster.now, 3),
        managerId: manager.id,
      });
      return `join ${id}`;
    }
    case 'leave': {
      const leaver = choose(current);
      if (!leaver) return 'leave: nobody';
      people.splice(people.indexOf(leaver), 1);
      moveReports(leaver);
      roster.gone.push(leaver);
      return `leave ${leaver.id}`;
    }
    case 'terminate': {
      const leaver = choose(current);
      if (!leaver) return 'terminate: nobody';
      leaver.employmentStatus = 'terminated';
      leaver.endDate = dayBefore(roster.now, 1 + (change.value % 30));
      moveReports(leaver);
      return `terminate ${leaver.id}`;
    }
    case 'edit': {
      const person = choose([ceo, ...current]);
      if (!person) return 'edit: nobody';
      const field = change.value % 3;
      if (field === 0) person.title = `Title ${change.value}`;
      else if (field === 1) person.lastName = `Renamed${change.value}`;
      else person.department = { id: `D${change.value % 5}`, name: `Department ${change.value % 5}` };
      return `edit ${person.id} (${['title', 'lastName', 'department'][field]})`;
    }
    case 'email': {
      const person = choose(current);
      if (!person) return 'email: nobody';
      person.workEmail = `${person.id.toLowerCase()}.${change.value}@example.com`;
      return `email ${person.id}`;
    }
    case 'manager': {
      // Only someone ranked earlier (or the CEO) can become a manager: no cycle can form.
      const index = 1 + (change.pick % Math.max(1, people.length - 1));
      const person = people[index];
      if (!person || !isCurrent(person)) return 'manager: nobody';
      const candidates = people.slice(0, index).filter(isCurrent);
      const manager = candidates[change.value % candidates.length] ?? ceo;
      person.managerId = manager.id;
      return `manager of ${person.id} → ${manager.id}`;
    }
    case 'rehire': {
      const terminated = people.filter((e, i) => i > 0 && !isCurrent(e));
      const back = choose([...roster.gone, ...terminated]);
      if (!back) return 'rehire: nobody';
      back.employmentStatus = 'active';
      delete back.endDate;
      back.managerId = ceo.id;
      back.startDate = dayBefore(roster.now, 2);
      // Their old email may have gone to someone else meanwhile.
      back.workEmail = `${back.id.toLowerCase()}.back${change.value}@example.com`;
      const gone = roster.gone.indexOf(back);
      if (gone >= 0) {
        roster.gone.splice(gone, 1);
        people.push(back);
      }
      return `rehire ${back.id}`;
    }
  }
}

/** An in-memory source listing a roster as it is when read. */
export function createArraySource(list: () => readonly Employee[]): HrSource {
  const source: HrSource = {
    id: 'memoryhr',
    displayName: 'MemoryHR',
    capabilities: { webhooks: false, getEmployee: false, incremental: false },
    verify: async () => ({ ok: true }),
    async *employees(options = {}): AsyncGenerator<SourceRecord> {
      for (const employee of list()) {
        options.signal?.throwIfAborted();
        yield { type: 'employee', employee: structuredClone(employee), issues: [] };
      }
    },
    fetchSnapshot: (options) => collectSnapshot(source, options),
  };
  return source;
}

/** Wraps a source so that the last read is kept: what the source said, to compare the host with. */
export function recordingSource(source: HrSource): {
  source: HrSource;
  last: () => SourceSnapshot | undefined;
} {
  let last: SourceSnapshot | undefined;
  const wrapped: HrSource = {
    id: source.id,
    displayName: source.displayName,
    capabilities: source.capabilities,
    verify: (options) => source.verify(options),
    async *employees(options = {}) {
      const records: SourceRecord[] = [];
      for await (const record of source.employees(options)) {
        records.push(record);
        yield record;
      }
      last = {
        source: source.id,
        fetchedAt: new Date().toISOString(),
        complete: !records.some((r) => r.type === 'incomplete'),
        employees: records.flatMap((r) => (r.type === 'employee' ? [r.employee] : [])),
        issues: records.flatMap((r) =>
          r.type === 'issue' ? [r.issue] : r.type === 'employee' ? r.issues : [],
        ),
      };
    },
    fetchSnapshot: (options) => collectSnapshot(wrapped, options),
  };
  return { source: wrapped, last: () => last };
}
