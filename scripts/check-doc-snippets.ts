// Type-checks the code blocks of the Markdown docs that are marked as checked, against the packages as they are
// now, so that the guides never drift from the API. `pnpm run typecheck` runs it after `tsc -b`.
//
// Conventions (the root README's Contributing section points authors here):
// - A block is checked when its info string has the word `check` after the language: ```ts check. Only `ts` and
//   `typescript` blocks can be marked. GitHub and TypeDoc show the block as plain TypeScript.
// - Each block is its own ES module (top-level await works; names do not leak between blocks). It imports
//   `@hrsync/*` exactly as an app would; they resolve through the packages' `@hrsync/source` export condition, with
//   the compiler options of tsconfig.base.json.
// - The host app's own things that snippets use without defining (a `db`, `loadMyUsers()`) are declared once in
//   AMBIENT below. A block that needs more declares it in a hidden preamble, an HTML comment right before the block:
//       <!-- check-preamble
//       declare const usersTable: Map<string, { id: string; email: string }>;
//       -->
//   The preamble is prepended to the block when it is checked, and is not shown to readers.
// - A block can instead quote a file of the repository: ```ts from=examples/custom-source/src/acme-source.ts. It is
//   not compiled (the file is, by the root typecheck) but must appear in that file verbatim, line for line; a line
//   `// ...` inside the block skips any lines of the file, so a guide can quote the parts that matter in order.
// - Files scanned: README.md, docs/**/*.md (not docs/api), packages/*/README.md, examples/*/README.md.
//
// Usage: node scripts/check-doc-snippets.ts [--keep] [file.md ...]
// The blocks are written to .doc-snippets/ (ignored by git through its own .gitignore), removed after a clean run
// and kept after a failed one (or with --keep) so that the generated files can be inspected.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A block marked as checked. */
export interface Snippet {
  /** The Markdown file, relative to the root. */
  file: string;
  /** The 1-based line of the block's first code line in the Markdown file. */
  line: number;
  /** The code of the block. */
  code: string;
  /** The hidden preamble, or `''`. */
  preamble: string;
  /** The 1-based line of the preamble comment, when there is one. */
  preambleLine?: number;
}

/** A block that quotes a file of the repository (```ts from=path). */
export interface Excerpt {
  /** The Markdown file, relative to the root. */
  file: string;
  /** The 1-based line of the block's first code line in the Markdown file. */
  line: number;
  /** The code of the block. */
  code: string;
  /** The quoted file, relative to the root. */
  from: string;
}

/** A problem found: a compiler error in a snippet, or a malformed marker. */
export interface SnippetProblem {
  /** The Markdown file (or, for an error outside any snippet, the generated file), relative to the root. */
  file: string;
  line: number;
  column: number;
  message: string;
}

/** What a check found. */
export interface SnippetCheckResult {
  snippets: Snippet[];
  excerpts: Excerpt[];
  problems: SnippetProblem[];
  /** Compiler errors in the packages' own sources (not in any snippet): reported by `tsc -b`, not failures here. */
  outside: string[];
  /** Where the generated files are (removed after a clean run unless `keep`). */
  outDir: string;
}

/** Options of {@link checkDocSnippets}. */
export interface CheckDocSnippetsOptions {
  /** The repository root (where tsconfig.base.json and node_modules are). */
  root: string;
  /** Markdown files to scan, absolute or relative to the root; default: the files listed above. */
  files?: readonly string[] | undefined;
  /** Where to write the generated files; default `<root>/.doc-snippets`. Must lie inside the root. */
  outDir?: string | undefined;
  /** Keep the generated files even after a clean run. */
  keep?: boolean | undefined;
}

/**
 * The host app's own names that snippets may use without defining them. A global script (no import), so its
 * types use `import()` types.
 */
export const AMBIENT = `// Names the docs' snippets use without defining them: the host app's own things.
/** The host's users as hrsync should see them. */
declare function loadMyUsers(): Promise<import('@hrsync/core').CurrentRecord[]>;
/** Writes a plan to the host's users table (what an HrDestination's apply() does). */
declare function applyPlan(plan: import('@hrsync/core').SyncPlan): Promise<void>;
/** The host's database, as far as the snippets need it. */
declare const db: {
  companies: {
    update(id: string, values: Record<string, unknown>): Promise<void>;
  };
  settings: {
    get(companyId: string, key: string): Promise<string | undefined>;
  };
};
/** The host's logger (every method present, as \`console\` has them). */
declare const logger: import('@hrsync/core').SafeLogger;
/** Any source, where a snippet does not build one. */
declare const source: import('@hrsync/core').HrSource;
/** Any destination, where a snippet does not build one. */
declare const destination: import('@hrsync/core').HrDestination;
/** The caller's signal. */
declare const signal: AbortSignal;
`;

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)(.*)$/;
const PREAMBLE_START = /^ {0,3}<!--\s*check-preamble\b:?(.*)$/;
const CHECKABLE = new Set(['ts', 'typescript']);

/** Finds the checked blocks of one Markdown file, and the problems with its markers. */
export function extractSnippets(
  markdown: string,
  file: string,
): { snippets: Snippet[]; excerpts: Excerpt[]; problems: SnippetProblem[] } {
  const lines = markdown.split(/\r?\n/);
  const snippets: Snippet[] = [];
  const excerpts: Excerpt[] = [];
  const problems: SnippetProblem[] = [];
  let pending: { text: string; line: number } | undefined;
  const problem = (line: number, message: string) => problems.push({ file, line, column: 1, message });

  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? '';
    const preamble = PREAMBLE_START.exec(text);
    if (preamble) {
      if (pending) problem(pending.line, 'a check-preamble is not followed by a ```ts check block');
      const start = i;
      const body: string[] = [];
      let rest = preamble[1] ?? '';
      for (;;) {
        const end = rest.indexOf('-->');
        if (end >= 0) {
          body.push(rest.slice(0, end));
          break;
        }
        body.push(rest);
        i++;
        if (i >= lines.length) {
          problem(start + 1, 'a check-preamble comment is never closed with -->');
          return { snippets, excerpts, problems };
        }
        rest = lines[i] ?? '';
      }
      pending = { text: body.join('\n').trim(), line: start + 1 };
      continue;
    }

    const fence = FENCE.exec(text);
    if (!fence) {
      if (pending && text.trim() !== '') {
        problem(pending.line, 'a check-preamble must come right before its ```ts check block');
        pending = undefined;
      }
      continue;
    }
    const marker = fence[1] ?? '```';
    const lang = (fence[2] ?? '').toLowerCase();
    const flags = (fence[3] ?? '').trim().split(/\s+/).filter(Boolean);
    const open = i;
    const code: string[] = [];
    let closed = false;
    for (i++; i < lines.length; i++) {
      const inner = lines[i] ?? '';
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(inner);
      if (close && close[1]?.[0] === marker[0] && (close[1]?.length ?? 0) >= marker.length) {
        closed = true;
        break;
      }
      code.push(inner);
    }
    const checked = flags.includes('check');
    const from = flags.find((flag) => flag.startsWith('from='))?.slice('from='.length);
    if ((checked || from !== undefined) && !closed) problem(open + 1, 'a marked block is never closed');
    if (checked && from !== undefined) {
      problem(open + 1, 'a block is either checked (check) or quoted from a file (from=), not both');
    } else if (from !== undefined) {
      if (from === '') problem(open + 1, 'from= needs a file path, relative to the repository root');
      else if (closed) excerpts.push({ file, line: open + 2, code: code.join('\n'), from });
      if (pending) problem(pending.line, 'a check-preamble must come right before a ```ts check block');
    } else if (checked && !CHECKABLE.has(lang)) {
      problem(open + 1, `only ts blocks can be checked, not "${lang || '(no language)'}"`);
    } else if (checked && closed) {
      snippets.push({
        file,
        line: open + 2,
        code: code.join('\n'),
        preamble: pending?.text ?? '',
        ...(pending ? { preambleLine: pending.line } : {}),
      });
    } else if (pending) {
      problem(pending.line, 'a check-preamble must come right before a ```ts check block');
    }
    pending = undefined;
  }
  if (pending) problem(pending.line, 'a check-preamble is not followed by a ```ts check block');
  return { snippets, excerpts, problems };
}

const ELISION = /^\s*\/\/ (\.\.\.|…)\s*$/;

/**
 * Finds an excerpt in the text of its file: each run of lines between `// ...` lines must appear there verbatim
 * (trailing white space aside), in order. Returns the 0-based line of the excerpt that could not be found, or
 * `undefined` when all of it was.
 */
export function findExcerptMismatch(excerpt: string, source: string): number | undefined {
  const lines = excerpt.split(/\r?\n/).map((l) => l.trimEnd());
  const file = source.split(/\r?\n/).map((l) => l.trimEnd());
  let from = 0;
  let start = 0;
  while (start < lines.length) {
    while (start < lines.length && (lines[start] === '' || ELISION.test(lines[start] ?? ''))) start++;
    if (start >= lines.length) break;
    let end = start;
    while (end < lines.length && !ELISION.test(lines[end] ?? '')) end++;
    let last = end;
    while (last > start && lines[last - 1] === '') last--;
    const segment = lines.slice(start, last);
    let found = -1;
    for (let i = from; i + segment.length <= file.length && found < 0; i++) {
      if (segment.every((line, k) => file[i + k] === line)) found = i;
    }
    if (found < 0) {
      // Point at the first line of the segment that does not follow from the best partial match.
      return start;
    }
    from = found + segment.length;
    start = end;
  }
  return undefined;
}

/** The Markdown files checked by default, relative to the root. */
export function defaultFiles(root: string): string[] {
  const files = ['README.md'];
  const walk = (dir: string) => {
    if (!existsSync(join(root, dir))) return;
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && path !== 'docs/api') walk(path);
      else if (entry.isFile() && entry.name.endsWith('.md')) files.push(path);
    }
  };
  walk('docs');
  for (const parent of ['packages', 'examples']) {
    if (!existsSync(join(root, parent))) continue;
    for (const entry of readdirSync(join(root, parent), { withFileTypes: true })) {
      const readme = `${parent}/${entry.name}/README.md`;
      if (entry.isDirectory() && existsSync(join(root, readme))) files.push(readme);
    }
  }
  return files.sort();
}

/**
 * The workspace packages by name (`@hrsync/core` → its directory; the examples too), for resolving imports as an
 * app would.
 */
function workspacePackages(root: string): Map<string, string> {
  const packages = new Map<string, string>();
  for (const parent of ['packages', 'examples']) {
    const dir = join(root, parent);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const manifest = join(dir, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifest)) continue;
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name?.startsWith('@hrsync/')) packages.set(name, join(dir, entry.name));
    }
  }
  return packages;
}

function snippetFileName(snippet: Snippet): string {
  return `snippet-${snippet.file.replace(/[\\/]/g, '__').replace(/[^\w.-]/g, '_')}-L${snippet.line}.ts`;
}

/** Extracts every checked block, writes each to its own module, and runs tsc over them. */
export function checkDocSnippets(options: CheckDocSnippetsOptions): SnippetCheckResult {
  const root = resolve(options.root);
  const outDir = resolve(options.outDir ?? join(root, '.doc-snippets'));
  if (relative(root, outDir).startsWith('..')) throw new Error(`outDir must lie inside ${root}`);
  const files = (options.files ?? defaultFiles(root)).map((f) => relative(root, resolve(root, f)));

  const snippets: Snippet[] = [];
  const excerpts: Excerpt[] = [];
  const problems: SnippetProblem[] = [];
  const outside: string[] = [];
  for (const file of files) {
    const found = extractSnippets(readFileSync(join(root, file), 'utf8'), file.split(sep).join('/'));
    snippets.push(...found.snippets);
    excerpts.push(...found.excerpts);
    problems.push(...found.problems);
  }
  for (const excerpt of excerpts) {
    const path = join(root, excerpt.from);
    if (!existsSync(path)) {
      problems.push({
        file: excerpt.file,
        line: excerpt.line - 1,
        column: 1,
        message: `${excerpt.from} does not exist`,
      });
      continue;
    }
    const mismatch = findExcerptMismatch(excerpt.code, readFileSync(path, 'utf8'));
    if (mismatch !== undefined) {
      problems.push({
        file: excerpt.file,
        line: excerpt.line + mismatch,
        column: 1,
        message: `this part of the block is not in ${excerpt.from} as quoted (update the quote, or mark a skip with // ...)`,
      });
    }
  }

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, '.gitignore'), '*\n');
  const scope = join(outDir, 'node_modules', '@hrsync');
  mkdirSync(scope, { recursive: true });
  for (const [name, dir] of workspacePackages(root)) {
    symlinkSync(dir, join(outDir, 'node_modules', name), 'dir');
  }
  writeFileSync(join(outDir, 'ambient.d.ts'), AMBIENT);
  writeFileSync(
    join(outDir, 'tsconfig.json'),
    `${JSON.stringify(
      {
        extends: relative(outDir, join(root, 'tsconfig.base.json')).split(sep).join('/'),
        compilerOptions: { noEmit: true, incremental: false },
        include: ['*.ts'],
      },
      null,
      2,
    )}\n`,
  );

  const byFile = new Map<string, { snippet: Snippet; preambleLines: number }>();
  for (const snippet of snippets) {
    const name = snippetFileName(snippet);
    const preamble = snippet.preamble === '' ? '' : `${snippet.preamble}\n`;
    const preambleLines = preamble === '' ? 0 : preamble.split('\n').length - 1;
    // `export {}` makes every block a module, even one without imports.
    writeFileSync(join(outDir, name), `${preamble}${snippet.code}\nexport {};\n`);
    byFile.set(name, { snippet, preambleLines });
  }

  if (snippets.length > 0) {
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', join(outDir, 'tsconfig.json'), '--pretty', 'false'], {
      cwd: outDir,
      encoding: 'utf8',
    });
    if (run.error) throw run.error;
    const output = `${run.stdout}${run.stderr}`;
    let last: SnippetProblem | undefined;
    let compileErrors = 0;
    for (const text of output.split(/\r?\n/)) {
      const match = /^(.+?)\((\d+),(\d+)\): error (TS\d+: .*)$/.exec(text);
      if (!match) {
        // Continuation lines of the previous message (the elaboration of a type error).
        if (last && text.startsWith(' ')) last.message += `\n${text}`;
        else if (text.trim() !== '' && !last) {
          last = { file: 'tsc', line: 0, column: 0, message: text.trim() };
          problems.push(last);
        }
        continue;
      }
      compileErrors++;
      const [, path = '', lineText = '0', columnText = '0', message = ''] = match;
      const generated = byFile.get(relative(outDir, resolve(outDir, path)));
      if (!generated) {
        // An error in a package's own source: `tsc -b` reports it (and runs first in `pnpm run typecheck`). It is
        // counted, not reported again, so that a package being edited does not fail every guide.
        outside.push(`${relative(root, resolve(outDir, path)).split(sep).join('/')}:${lineText}: ${message}`);
        last = undefined;
        continue;
      }
      const line = Number(lineText);
      last = {
        file: generated.snippet.file,
        line:
          line <= generated.preambleLines
            ? (generated.snippet.preambleLine ?? generated.snippet.line)
            : generated.snippet.line + line - generated.preambleLines - 1,
        column: Number(columnText),
        message,
      };
      problems.push(last);
    }
    if (run.status !== 0 && compileErrors === 0 && problems.length === 0) {
      problems.push({
        file: 'tsc',
        line: 0,
        column: 0,
        message: `tsc exited ${run.status}: ${output.trim()}`,
      });
    }
  }

  if (problems.length === 0 && !options.keep) rmSync(outDir, { recursive: true, force: true });
  return { snippets, excerpts, problems, outside, outDir };
}

function main(argv: readonly string[]): number {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const keep = argv.includes('--keep');
  const files = argv.filter((a) => !a.startsWith('--'));
  const result = checkDocSnippets({ root, keep, ...(files.length > 0 ? { files } : {}) });
  for (const p of result.problems) console.error(`${p.file}:${p.line}:${p.column} - ${p.message}`);
  if (result.outside.length > 0) {
    console.warn(
      `note: ${result.outside.length} compiler errors outside the snippets (left to tsc -b), first: ${result.outside[0]}`,
    );
  }
  const fileCount = new Set(result.snippets.map((s) => s.file)).size;
  const summary = `doc snippets: ${result.snippets.length} checked in ${fileCount} files, ${result.excerpts.length} quotes verified, ${result.problems.length} problems`;
  if (result.problems.length > 0) {
    console.error(`${summary} (generated files kept in ${relative(root, result.outDir)})`);
    return 1;
  }
  console.log(summary);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
