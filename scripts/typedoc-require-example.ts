// A TypeDoc plugin (loaded by typedoc.json's `plugin`): every exported declaration of every package (functions,
// classes, variables, interfaces, type aliases, enums) must carry an `@example` block in its TSDoc. TypeDoc's own
// `notDocumented` validation proves there is a comment; this proves the comment shows how the thing is used.
//
// A missing example is a warning, and `treatWarningsAsErrors` turns it into a failed `pnpm run docs`. Gaps that
// existed when the check was introduced are listed, by owner, in scripts/missing-examples.json: they are reported
// but allowed. An entry that has since gained its example must be removed from that file (that is a warning too),
// so the list only ever shrinks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Application as App,
  type Application,
  type DeclarationReflection,
  type ProjectReflection,
  type Reflection,
  ReflectionKind,
} from 'typedoc';

/** The kinds of exported declaration that need an example. */
const KINDS =
  ReflectionKind.Function |
  ReflectionKind.Class |
  ReflectionKind.Variable |
  ReflectionKind.Interface |
  ReflectionKind.TypeAlias |
  ReflectionKind.Enum;

/** Where the allowed gaps are listed: `{ "<owner>": ["@hrsync/core: planSync", ...] }`. */
export const BASELINE_FILE = join(import.meta.dirname, 'missing-examples.json');

/**
 * The name a missing example is reported under: the module path (package, then entry point other than `index`)
 * and the declaration's name, such as `@hrsync/core/http: createHttpClient` or `@hrsync/trinet/testing: TrinetFake`.
 */
export function qualifiedName(reflection: Reflection): string {
  const modules: string[] = [];
  for (let parent = reflection.parent; parent && !parent.isProject(); parent = parent.parent) {
    if (parent.kindOf(ReflectionKind.Module) && parent.name !== 'index')
      modules.unshift(parent.name.replace(/\/index$/, ''));
  }
  return `${modules.join('/') || '(project)'}: ${reflection.name}`;
}

function hasExample(reflection: DeclarationReflection): boolean {
  const comments = [
    reflection.comment,
    ...(reflection.signatures ?? []).map((s) => s.comment),
    ...(reflection.getSignature ? [reflection.getSignature.comment] : []),
  ];
  return comments.some((comment) => comment?.blockTags.some((tag) => tag.tag === '@example'));
}

/** Every exported declaration of the project that lacks an `@example`, by qualified name, sorted. */
export function findMissingExamples(project: ProjectReflection): string[] {
  const missing = new Set<string>();
  for (const reflection of project.getReflectionsByKind(KINDS) as DeclarationReflection[]) {
    // Only top-level exports: members of an interface or a class are documented with their owner's example.
    const parent = reflection.parent;
    if (!parent || !(parent.isProject() || parent.kindOf(ReflectionKind.Module))) continue;
    if (!hasExample(reflection)) missing.add(qualifiedName(reflection));
  }
  return [...missing].sort();
}

/** Reads the baseline: every allowed gap, mapped to its owner. */
export function readBaseline(file: string = BASELINE_FILE): Map<string, string> {
  const allowed = new Map<string, string>();
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  for (const [owner, names] of Object.entries(json)) {
    if (owner.startsWith('$')) continue; // "$comment"
    if (!Array.isArray(names)) throw new Error(`${file}: "${owner}" must list names`);
    for (const name of names) allowed.set(String(name), owner);
  }
  return allowed;
}

/** What the check concludes: new gaps and stale baseline entries fail; known gaps are reported by owner. */
export interface ExampleReport {
  /** Exports without an example that the baseline does not allow. */
  missing: string[];
  /** Baseline entries that now have an example (or no longer exist): remove them from the baseline. */
  stale: string[];
  /** Allowed gaps, by owner. */
  allowed: Map<string, string[]>;
}

/** Compares the gaps found with the baseline. */
export function compareWithBaseline(found: readonly string[], baseline: Map<string, string>): ExampleReport {
  const missing: string[] = [];
  const allowed = new Map<string, string[]>();
  for (const name of found) {
    const owner = baseline.get(name);
    if (owner === undefined) missing.push(name);
    else allowed.set(owner, [...(allowed.get(owner) ?? []), name]);
  }
  const foundSet = new Set(found);
  const stale = [...baseline.keys()].filter((name) => !foundSet.has(name)).sort();
  return { missing, stale, allowed };
}

/** The plugin entry point TypeDoc calls. */
export function load(app: Application): void {
  app.on(App.EVENT_VALIDATE_PROJECT, (project: ProjectReflection) => {
    // With the `packages` strategy every package is validated on its own, then the merged project once more:
    // check the merged one only, so that each gap is reported once and the baseline is compared with everything.
    if (app.options.getValue('entryPointStrategy') !== 'packages') return;
    const report = compareWithBaseline(findMissingExamples(project), readBaseline());
    for (const name of report.missing) {
      app.logger.warn(`${name} has no @example in its TSDoc comment (scripts/typedoc-require-example.ts)`);
    }
    for (const name of report.stale) {
      app.logger.warn(
        `${name} is listed in scripts/missing-examples.json but has an @example now (or is gone): remove it from the list`,
      );
    }
    const total = [...report.allowed.values()].reduce((n, names) => n + names.length, 0);
    if (total > 0) {
      const owners = [...report.allowed].map(([owner, names]) => `${owner} (${names.length})`).join('; ');
      app.logger.info(
        `${total} exports still lack an @example, allowed by scripts/missing-examples.json: ${owners}`,
      );
    }
  });
}
