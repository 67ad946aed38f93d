/**
 * Per-person flags of the plan engine (one byte each) and the markers it shares between its steps.
 *
 * @internal
 * @module
 */

/** The id appears more than once in the snapshot. @internal */
export const DUP_ID = 1;
/** The work email appears more than once in the snapshot. @internal */
export const DUP_EMAIL = 2;
/** Two host users claim the person, or the person's host user is ambiguous or contested. @internal */
export const HOST_DUP = 4;
/** A newcomer whose email a host user will still hold after the plan. @internal */
export const EMAIL_TAKEN = 8;
/** Any of the reasons a person is skipped with an error issue. @internal */
export const SKIPPED = DUP_ID | DUP_EMAIL | HOST_DUP | EMAIL_TAKEN;
/** The source says `terminated`. @internal */
export const TERMINATED = 16;
/** The end date is before today. @internal */
export const END_PASSED = 32;
/** Either kind of leaver. @internal */
export const LEAVER = TERMINATED | END_PASSED;

/** No host user (in an index of host users). @internal */
export const NO_HOST = -1;
/** More than one candidate (in an index of people or host users). @internal */
export const SEVERAL = -2;

/** Matched to an unlinked host user by work email. @internal */
export const BY_EMAIL = 1;
/** Matched to an unlinked host user by employee number. @internal */
export const BY_NUMBER = 2;
