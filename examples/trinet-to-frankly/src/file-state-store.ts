import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type FranklyState, FranklyStateSchema, type FranklyStateStore } from '@hrsync/frankly';

/**
 * A {@link FranklyStateStore} in a JSON file: enough for a demo or a single-company script. A host app keeps the
 * state next to its other per-company data instead (a row in its database).
 *
 * Writes go to a temporary file that is then renamed over the old one, so a crash mid-write never leaves a
 * half-written state behind.
 *
 * @example
 * ```ts
 * const destination = createFranklyDestination({ token, stateStore: createFileStateStore('./frankly-state.json') });
 * ```
 */
export function createFileStateStore(path: string): FranklyStateStore {
  return {
    async load(): Promise<FranklyState | undefined> {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      return FranklyStateSchema.parse(JSON.parse(text));
    },
    async save(state: FranklyState): Promise<void> {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
      await rename(temporary, path);
    },
  };
}
