import { z } from 'zod';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Tells whether a string is a real calendar date in `YYYY-MM-DD` form (so `2024-02-30` is not).
 *
 * @example
 * ```ts
 * isIsoDate('2024-02-29'); // true
 * isIsoDate('2023-02-29'); // false
 * ```
 */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/**
 * A calendar date, `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * IsoDateSchema.safeParse('2024-02-30').success; // false
 * ```
 */
export const IsoDateSchema = z.string().refine(isIsoDate, { message: 'expected a YYYY-MM-DD calendar date' });

/**
 * A reference to an organisational unit: a department, location (site, office), organization or team.
 *
 * @example
 * ```ts
 * OrgRefSchema.parse({ id: 'D01', name: 'Engineering' });
 * ```
 */
export const OrgRefSchema = z.object({
  id: z.string().min(1).optional(),
  name: z.string().min(1),
});
/**
 * A reference to an organisational unit.
 *
 * @example
 * ```ts
 * const department: OrgRef = { id: 'D01', name: 'Engineering' };
 * const site: OrgRef = { name: 'London' }; // People HR gives units no id
 * ```
 */
export type OrgRef = z.infer<typeof OrgRefSchema>;

/**
 * Where a person stands: `leave` covers leave of absence and suspension; `terminated` has left.
 *
 * @example
 * ```ts
 * EmploymentStatusSchema.options; // ['active', 'pending', 'leave', 'terminated']
 * ```
 */
export const EmploymentStatusSchema = z.enum(['active', 'pending', 'leave', 'terminated']);
/**
 * Where a person stands.
 *
 * @example
 * ```ts
 * const STATUS: Record<string, EmploymentStatus> = { A: 'active', L: 'leave', T: 'terminated' };
 * ```
 */
export type EmploymentStatus = z.infer<typeof EmploymentStatusSchema>;

/**
 * The kind of contract.
 *
 * @example
 * ```ts
 * EmploymentTypeSchema.safeParse('contractor').success; // true
 * ```
 */
export const EmploymentTypeSchema = z.enum([
  'full_time',
  'part_time',
  'contractor',
  'temporary',
  'intern',
  'other',
]);
/**
 * The kind of contract.
 *
 * @example
 * ```ts
 * const type: EmploymentType = employee.employmentType ?? 'other';
 * ```
 */
export type EmploymentType = z.infer<typeof EmploymentTypeSchema>;

/**
 * The value of a caller-requested vendor extra.
 *
 * @example
 * ```ts
 * z.record(z.string(), CustomValueSchema).parse({ costCenter: 'CC-12', fte: 0.8, remote: true, badge: null });
 * ```
 */
export const CustomValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * The canonical employee: every adapter maps its vendor's record into this, already normalised (names trimmed,
 * emails lower-cased, dates `YYYY-MM-DD`, phones E.164), so reading unchanged data twice gives an empty plan.
 *
 * @example
 * ```ts
 * const employee = EmployeeSchema.parse({
 *   id: '00001234',
 *   firstName: 'Ada',
 *   lastName: 'Lovelace',
 *   workEmail: 'ada@example.com',
 *   employmentStatus: 'active',
 * });
 * ```
 */
export const EmployeeSchema = z.object({
  /** The source system's stable id (TriNet `employeeId`, People HR `UniqueKey`, Zenefits person id). */
  id: z.string().min(1),
  /** The human-facing employee number, where the vendor has one. */
  employeeNumber: z.string().min(1).optional(),
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  preferredName: z.string().min(1).optional(),
  /** Trimmed and lower-cased. */
  workEmail: z.email(),
  personalEmail: z.email().optional(),
  /** E.164 (`+14155550100`). */
  workPhone: z
    .string()
    .regex(/^\+[1-9]\d{1,14}$/)
    .optional(),
  /** Role, position or job title. */
  title: z.string().min(1).optional(),
  department: OrgRefSchema.optional(),
  /** Site or office. */
  location: OrgRefSchema.optional(),
  organization: OrgRefSchema.optional(),
  teams: z.array(OrgRefSchema).optional(),
  /** Another `Employee.id` of the same source. */
  managerId: z.string().min(1).optional(),
  employmentStatus: EmploymentStatusSchema,
  employmentType: EmploymentTypeSchema.optional(),
  startDate: IsoDateSchema.optional(),
  /** Leaving or termination date; may lie in the future. */
  endDate: IsoDateSchema.optional(),
  /** IANA time zone name. */
  timezone: z.string().min(1).optional(),
  /** Vendor extras the caller asked for. */
  custom: z.record(z.string(), CustomValueSchema).optional(),
});

/**
 * The canonical employee.
 *
 * @example
 * ```ts
 * const employee: Employee = {
 *   id: '00001234',
 *   firstName: 'Ada',
 *   lastName: 'Lovelace',
 *   workEmail: 'ada@example.com',
 *   employmentStatus: 'active',
 *   department: { id: 'D01', name: 'Engineering' },
 *   managerId: '00000001',
 * };
 * ```
 */
export type Employee = z.infer<typeof EmployeeSchema>;

/**
 * A field of {@link Employee}.
 *
 * @example
 * ```ts
 * const fields: EmployeeField[] = ['firstName', 'lastName', 'workEmail', 'title'];
 * await runSync({ source, destination, fields });
 * ```
 */
export type EmployeeField = keyof Employee;

/**
 * Every field of {@link Employee}, in schema order.
 *
 * @example
 * ```ts
 * EMPLOYEE_FIELDS.includes('workEmail'); // true
 * ```
 */
export const EMPLOYEE_FIELDS = Object.keys(EmployeeSchema.shape) as EmployeeField[];

/**
 * A department or location as the source lists it; the name may be missing (that is an issue, not a crash).
 *
 * @example
 * ```ts
 * OrgUnitSchema.parse({ id: 'L07' }); // no name: planSync() reports LOCATION_MISSING_NAME
 * ```
 */
export const OrgUnitSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  parentId: z.string().optional(),
});
/**
 * A department or location as the source lists it.
 *
 * @example
 * ```ts
 * const record: SourceRecord = { type: 'department', unit: { id: 'D01', name: 'Engineering' } satisfies OrgUnit };
 * ```
 */
export type OrgUnit = z.infer<typeof OrgUnitSchema>;
