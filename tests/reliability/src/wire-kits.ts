/**
 * What the bad-input corpus needs to know of each vendor's wire format: where the roster list sits in a response,
 * how to write a field of a wire record, and a minimal valid record (for 100k-person pages). Bad records are spliced
 * into the fake's real first roster response, between good people, so that a case shows both what happens to the bad
 * record and that the people around it still sync.
 */
import type { FetchHandler } from '@hrsync/testkit';
import { type AdapterUnderTest, peoplehrAdapter, trinetAdapter, zenefitsAdapter } from './adapters.ts';

/** A wire record (a vendor's JSON object for one person), to be changed in place. */
export type WireRecord = Record<string, unknown>;

/** The canonical fields a case can set on a wire record, in the vendor's own place and shape. */
export type WireField =
  | 'id'
  | 'employeeNumber'
  | 'firstName'
  | 'lastName'
  | 'workEmail'
  | 'workPhone'
  | 'title'
  | 'startDate'
  | 'endDate'
  | 'managerId';

/** One vendor's wire format, for the corpus. */
export interface WireKit {
  adapter: AdapterUnderTest;
  /** Whether a request is the first roster request (whose answer carries the list to splice into). */
  isRosterRequest(request: Request): Promise<boolean>;
  /** The list of person records inside a parsed roster response. */
  listOf(body: unknown): unknown[] | undefined;
  /** Replaces the list of person records inside a parsed roster response. */
  setList(body: unknown, list: unknown): void;
  /** Writes a canonical field into a wire record, the vendor's way (`undefined` removes it). */
  set(record: WireRecord, field: WireField, value: unknown): void;
  /** The record's person id, as the canonical `Employee.id` will be. */
  idOf(record: WireRecord): string | undefined;
  /** The record's work email, as the vendor wrote it. */
  emailOf(record: WireRecord): unknown;
  /** Object-valued parts of a record, by name, for "null where an object is expected" cases. */
  objectPaths: readonly string[];
  /** A minimal valid record: id `M<n>`, names, a work email, active. */
  minimal(n: number): WireRecord;
  /** The vendor's status value of a terminated person, and an unknown status. */
  status: { unknown: unknown; write(record: WireRecord, value: unknown): void };
}

const asRecord = (value: unknown): WireRecord | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as WireRecord) : undefined;

// Writes `value` at a dotted path, creating objects on the way; `undefined` deletes the last key.
function setPath(record: WireRecord, path: string, value: unknown): void {
  const keys = path.split('.');
  let at: WireRecord = record;
  for (const key of keys.slice(0, -1)) {
    const next = asRecord(at[key]);
    if (next) at = next;
    else {
      const fresh: WireRecord = {};
      at[key] = fresh;
      at = fresh;
    }
  }
  const last = keys.at(-1) as string;
  if (value === undefined) delete at[last];
  else at[last] = value;
}

const TRINET_PATHS: Record<WireField, string> = {
  id: 'employeeId',
  employeeNumber: 'alternateId',
  firstName: 'names.0.firstName',
  lastName: 'names.0.lastName',
  workEmail: 'employmentInfo.workEmail',
  workPhone: 'employmentInfo.workPhone',
  title: 'employmentInfo.businessTitle',
  startDate: 'employmentInfo.serviceDate',
  endDate: 'employmentInfo.terminationDate',
  managerId: 'employmentInfo.supervisor.supervisorId',
};

/** TriNet: the list is `data.employeeData` of `/employees?offset=1`. */
export const trinetKit: WireKit = {
  adapter: trinetAdapter,
  isRosterRequest: async (request) => {
    const url = new URL(request.url);
    return url.pathname.endsWith('/employees') && url.searchParams.get('offset') === '1';
  },
  listOf: (body) => {
    const list = asRecord(asRecord(body)?.data)?.employeeData;
    return Array.isArray(list) ? list : undefined;
  },
  setList: (body, list) => {
    const data = asRecord(asRecord(body)?.data);
    if (data) data.employeeData = list;
  },
  set: (record, field, value) => {
    // names is a list: index 0 is the primary name in the fake's rendering.
    if (field === 'firstName' || field === 'lastName') {
      const names = Array.isArray(record.names) ? record.names : undefined;
      const primary = asRecord(names?.[0]);
      if (primary) {
        if (value === undefined) delete primary[field];
        else primary[field] = value;
        return;
      }
    }
    setPath(record, TRINET_PATHS[field], value);
  },
  idOf: (record) => (typeof record.employeeId === 'string' ? record.employeeId : undefined),
  emailOf: (record) => asRecord(record.employmentInfo)?.workEmail,
  objectPaths: [
    'names',
    'names.0',
    'employmentInfo',
    'employmentInfo.department',
    'employmentInfo.location',
    'employmentInfo.supervisor',
  ],
  minimal: (n) => ({
    employeeId: `M${n}`,
    names: [{ nameType: 'PRI', firstName: 'Min', lastName: `Imal${n}` }],
    employmentInfo: { employmentStatus: 'A', workEmail: `m${n}@example.com` },
  }),
  status: {
    unknown: 'Q',
    write: (record, value) => setPath(record, 'employmentInfo.employmentStatus', value),
  },
};

const ZENEFITS_PATHS: Record<WireField, string> = {
  id: 'id',
  employeeNumber: 'employee_number',
  firstName: 'first_name',
  lastName: 'last_name',
  workEmail: 'work_email',
  workPhone: 'work_phone',
  title: 'title',
  // Dates live on the person's employment, which the corpus does not splice: set on the person, they are ignored.
  startDate: 'hire_date',
  endDate: 'termination_date',
  managerId: 'manager.url',
};

/** TriNet Zenefits: the list is `data.data` of the first `/core/people` page. */
export const zenefitsKit: WireKit = {
  adapter: zenefitsAdapter,
  isRosterRequest: async (request) => {
    const url = new URL(request.url);
    return url.pathname === '/core/people' && !url.searchParams.has('starting_after');
  },
  listOf: (body) => {
    const list = asRecord(asRecord(body)?.data)?.data;
    return Array.isArray(list) ? list : undefined;
  },
  setList: (body, list) => {
    const data = asRecord(asRecord(body)?.data);
    if (data) data.data = list;
  },
  set: (record, field, value) => {
    if (field === 'managerId') {
      // A manager is a ref whose URL ends with the id.
      const ref = asRecord(record.manager) ?? {};
      ref.url = typeof value === 'string' ? `https://api.zenefits.com/core/people/${value}` : value;
      record.manager = ref;
      return;
    }
    setPath(record, ZENEFITS_PATHS[field], value);
  },
  idOf: (record) => (typeof record.id === 'string' ? record.id : undefined),
  emailOf: (record) => record.work_email,
  objectPaths: ['manager', 'department', 'location', 'company', 'employments'],
  minimal: (n) => ({
    id: `M${n}`,
    object: '/core/people',
    first_name: 'Min',
    last_name: `Imal${n}`,
    work_email: `m${n}@example.com`,
    status: 'active',
  }),
  status: { unknown: 'on_the_moon', write: (record, value) => setPath(record, 'status', value) },
};

const PEOPLEHR_FIELDS: Record<WireField, string> = {
  id: 'UniqueKey',
  employeeNumber: 'EmployeeId',
  firstName: 'FirstName',
  lastName: 'LastName',
  workEmail: 'EmailId',
  workPhone: 'ContactDetail.WorkPhoneNumber',
  title: 'JobRole',
  startDate: 'StartDate',
  endDate: 'LeavingDate',
  managerId: 'ReportsToEmployeeId',
};

/** People HR: the list is `Result` of `GetAllEmployeeDetail`; most fields are `{ DisplayValue }` objects. */
export const peoplehrKit: WireKit = {
  adapter: peoplehrAdapter,
  isRosterRequest: async (request) => {
    if (request.method !== 'POST') return false;
    try {
      const body = JSON.parse(await request.clone().text()) as { Action?: unknown };
      return body.Action === 'GetAllEmployeeDetail';
    } catch {
      return false;
    }
  },
  listOf: (body) => {
    const list = asRecord(body)?.Result;
    return Array.isArray(list) ? list : undefined;
  },
  setList: (body, list) => {
    const envelope = asRecord(body);
    if (envelope) envelope.Result = list;
  },
  set: (record, field, value) => {
    const path = PEOPLEHR_FIELDS[field];
    // UniqueKey and LeavingDate are plain strings; the rest are { DisplayValue } objects.
    if (field === 'id' || field === 'endDate' || value === undefined) setPath(record, path, value);
    else setPath(record, `${path}.DisplayValue`, value);
  },
  idOf: (record) => (typeof record.UniqueKey === 'string' ? record.UniqueKey : undefined),
  emailOf: (record) => asRecord(record.EmailId)?.DisplayValue,
  objectPaths: ['FirstName', 'LastName', 'EmailId', 'EmployeeId', 'ContactDetail', 'ReportsToEmployeeId'],
  minimal: (n) => ({
    EmployeeId: { DisplayValue: `PM${n}` },
    FirstName: { DisplayValue: 'Min' },
    LastName: { DisplayValue: `Imal${n}` },
    EmailId: { DisplayValue: `m${n}@example.com` },
    LeavingDate: '',
    UniqueKey: `M${n}`,
  }),
  // People HR has no status field: an unreadable leaving date stands in for one.
  status: { unknown: 'someday', write: (record, value) => setPath(record, 'LeavingDate', value) },
};

/** Every wire kit, one per source adapter. */
export const WIRE_KITS: readonly WireKit[] = [trinetKit, zenefitsKit, peoplehrKit];

/** What to do to the first roster response. */
export interface Splice {
  /** Records to insert, made from the good list, each at an index of it (clamped), in order. */
  insert?: ((good: readonly unknown[]) => readonly { at: number; record: unknown }[]) | undefined;
  /** Replaces the whole list (a 100k-person page). */
  replaceList?: ((good: unknown[]) => unknown) | undefined;
  /** Replaces the whole response body (envelope-level garbage). */
  body?: string | Uint8Array | undefined;
  /** The content type of a replaced body; default `application/json`. */
  contentType?: string | undefined;
}

/**
 * Wraps a fake so that its first roster response is changed as the splice says, every time it is asked for (a
 * source that retries sees the same bad answer). The good records it had are passed to `onGood`.
 */
export function spliceRoster(
  kit: WireKit,
  handler: FetchHandler,
  splice: Splice,
  onGood?: (good: readonly unknown[]) => void,
): FetchHandler {
  return async (request) => {
    const isRoster = await kit.isRosterRequest(request);
    const response = await handler(request);
    if (!isRoster || !response.ok) return response;
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    if (splice.body !== undefined) {
      headers.set('content-type', splice.contentType ?? 'application/json');
      return new Response(splice.body, { status: 200, headers });
    }
    const body: unknown = await response.json();
    const good = kit.listOf(body) ?? [];
    onGood?.(good);
    if (splice.replaceList) kit.setList(body, splice.replaceList(good));
    else {
      const list = [...good];
      let shift = 0;
      for (const { at, record } of splice.insert?.(good) ?? []) {
        list.splice(Math.min(at + shift, list.length), 0, record);
        shift++;
      }
      kit.setList(body, list);
    }
    return new Response(JSON.stringify(body), { status: response.status, headers });
  };
}
