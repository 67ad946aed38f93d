/**
 * What the Acme People API sends on the wire, as zod schemas. Acme People is made up for this example:
 *
 * - `GET /v1/me`: the company the key belongs to, `{ "company": { "id", "name" } }`.
 * - `GET /v1/employees?limit=50&cursor=…`: a page, `{ "employees": [...], "next_cursor": "…" | null }`.
 * - `GET /v1/employees/{id}`: one person, `{ "employee": {...} }`, or a 404.
 * - Every request carries the key in an `X-Api-Key` header; a wrong key gets a 401.
 *
 * Two levels of strictness, on purpose: the **page** is strict (`next_cursor` decides whether the read is complete,
 * so a page without it is an invalid response, never a guess), and each **record** is loose (checked alone, so one
 * broken person becomes one issue and the rest of the page still syncs).
 *
 * @module
 */
import { z } from 'zod';

const text = z.string().nullish();
const unitRef = z.object({ id: text, name: text }).nullish();

/**
 * One person as Acme People sends it. Everything but `id` may be missing or `null`: `toEmployee()` in the mapping
 * decides what is usable and reports what is not.
 *
 * @example
 * ```ts
 * const person = AcmeEmployeeSchema.safeParse(record);
 * if (!person.success) console.log('not an Acme employee');
 * ```
 */
export const AcmeEmployeeSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    employee_number: text,
    first_name: text,
    last_name: text,
    nickname: text,
    email: text,
    phone: text,
    job_title: text,
    department: unitRef,
    office: unitRef,
    manager_id: text,
    /** `active`, `on_leave`, `onboarding` or `offboarded`. */
    status: text,
    /** `FULL_TIME`, `PART_TIME`, `CONTRACTOR`, `TEMP`, `INTERN` or `OTHER`. */
    contract: text,
    start_date: text,
    end_date: text,
  })
  .loose();

/**
 * One person as Acme People sends it.
 *
 * @example
 * ```ts
 * const person: AcmeEmployee = { id: 'emp_1', first_name: 'Ada', last_name: 'Lovelace', email: 'ada@acme.test' };
 * ```
 */
export type AcmeEmployee = z.infer<typeof AcmeEmployeeSchema>;

/**
 * A page of `GET /v1/employees`. The records stay `unknown` here and are checked one by one in the mapping.
 *
 * @example
 * ```ts
 * const page = await client.getJson('/v1/employees', { schema: AcmeEmployeesPageSchema, signal });
 * ```
 */
export const AcmeEmployeesPageSchema = z.object({
  employees: z.array(z.unknown()),
  next_cursor: z.string().min(1).nullable(),
});

/**
 * A page of `GET /v1/employees`.
 *
 * @example
 * ```ts
 * const last: AcmeEmployeesPage = { employees: [], next_cursor: null };
 * ```
 */
export type AcmeEmployeesPage = z.infer<typeof AcmeEmployeesPageSchema>;

/**
 * The answer of `GET /v1/employees/{id}`.
 *
 * @example
 * ```ts
 * const { employee } = await client.getJson(`/v1/employees/${id}`, { schema: AcmeEmployeeResponseSchema });
 * ```
 */
export const AcmeEmployeeResponseSchema = z.object({ employee: z.unknown() });

/**
 * The answer of `GET /v1/me`: the company the API key belongs to.
 *
 * @example
 * ```ts
 * const { company } = await client.getJson('/v1/me', { schema: AcmeMeSchema });
 * ```
 */
export const AcmeMeSchema = z.object({
  company: z.object({ id: z.string(), name: z.string() }),
});
