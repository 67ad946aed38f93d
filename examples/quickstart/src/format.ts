import type { FieldChange, SyncIssue } from '@hrsync/core';

/** Lays rows out in aligned columns, two spaces apart, with an indent; the last column is never padded. */
export function columns(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (i < row.length - 1) widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    `${indent}${row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ')}`.trimEnd(),
  );
}

/** `1.2 s` or `340 ms`. */
export function duration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** `1 person`, `3 people`; `1 issue`, `2 issues`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const FIELD_LABELS: Partial<Record<FieldChange['field'], string>> = {
  firstName: 'first name',
  lastName: 'last name',
  workEmail: 'email',
  managerId: 'manager',
  location: 'site',
};

/** `title: CEO → Chief Executive Officer`, with org units by name and managers by the given lookup. */
export function describeChange(change: FieldChange, nameOf: (sourceId: string) => string): string {
  const show = (value: unknown): string => {
    if (value === undefined || value === null || value === '') return '(none)';
    if (change.field === 'managerId' && typeof value === 'string') return nameOf(value);
    if (typeof value === 'object' && 'name' in value) return String(value.name);
    return String(value);
  };
  return `${FIELD_LABELS[change.field] ?? change.field}: ${show(change.before)} → ${show(change.after)}`;
}

/** An issue in three lines: severity, code and record; what is wrong; the fix. */
export function describeIssue(issue: SyncIssue, nameOf: (sourceId: string) => string): string[] {
  const who = issue.recordId === undefined ? issue.entity : `${issue.recordId} ${nameOf(issue.recordId)}`;
  const effect = issue.severity === 'error' ? 'skipped' : 'synced without it';
  return [`  ${issue.code}  ${who.trim()}  (${effect})`, `    ${issue.message}`, `    Fix: ${issue.fix}`];
}
