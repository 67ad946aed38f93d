import { ConformanceError, type Driven, describeThrown, drive, type Probe, settle } from './harness.ts';

/**
 * Resolves with what `start()` resolves with. A rejection (or a synchronous throw: `start` runs inside the guard) is
 * scanned for secrets and then fails the check with `${failure}: ${describeThrown(error)}`; a
 * {@link ConformanceError} (it never settled) passes through unchanged.
 */
export async function expectResolves<T>(
  probe: Probe,
  check: string,
  label: string,
  start: () => Promise<T>,
  failure: string,
): Promise<T> {
  try {
    return await settle(check, label, start());
  } catch (error) {
    if (error instanceof ConformanceError) throw error;
    probe.error(error);
    probe.assertNoSecrets(check);
    throw new ConformanceError(check, `${failure}: ${describeThrown(error)}`);
  }
}

/**
 * Runs each call (which passes an already-aborted signal) and fails the check unless it rejects within 1 s of fake
 * time; the errors are kept for the secrets scan.
 */
export async function expectPreAbortedRejects(
  probe: Probe,
  check: string,
  calls: readonly (readonly [what: string, call: () => Promise<unknown>])[],
): Promise<void> {
  for (const [what, call] of calls) {
    const result = await drive(call(), 1000);
    if (result.state === 'fulfilled')
      throw new ConformanceError(check, `${what} with an already-aborted signal resolved.`);
    if (result.state === 'pending')
      throw new ConformanceError(check, `${what} with an already-aborted signal did not reject within 1 s.`);
    probe.error(result.error);
  }
}

/**
 * Moves fake time in 25 ms steps until `reached()` holds (a slow request is in flight), the promise settles, or a
 * minute has passed. Returns the promise's state at that point.
 */
export async function driveUntil<T>(promise: Promise<T>, reached: () => boolean): Promise<Driven<T>> {
  let state = await drive(promise, 25);
  for (let waited = 0; state.state === 'pending' && !reached() && waited < 60_000; waited += 25) {
    state = await drive(promise, 25);
  }
  return state;
}

/**
 * Aborts `controller` and fails the check unless `promise` then rejects within 1 s of fake time: with `pending` when
 * it is still running, with `fulfilled` when it resolved. The error is kept for the secrets scan.
 */
export async function expectPromptAbort(
  probe: Probe,
  check: string,
  controller: AbortController,
  promise: Promise<unknown>,
  messages: { pending: string; fulfilled: string },
): Promise<void> {
  controller.abort();
  const result = await drive(promise, 1000);
  if (result.state === 'pending') throw new ConformanceError(check, messages.pending);
  if (result.state === 'fulfilled') throw new ConformanceError(check, messages.fulfilled);
  probe.error(result.error);
}
