// Printing the figures of the fault runs: one table per run, also appended to
// test-output/faults-figures.md so that `npm run test:faults` leaves them for the README.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from '../harness';

export const FIGURES_FILE = path.join(REPO_ROOT, 'test-output', 'faults-figures.md');

export function percentile(values: number[], p: number): number {
	if (!values.length) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Prints `rows` as a table on stdout (console.table) and as Markdown into FIGURES_FILE. */
export function printFigures(title: string, rows: Array<Record<string, string | number>>): void {
	const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
	const markdown = [
		`### ${title} (${new Date().toISOString()})`,
		'',
		`| ${columns.join(' | ')} |`,
		`| ${columns.map(() => '---').join(' | ')} |`,
		...rows.map((r) => `| ${columns.map((c) => String(r[c] ?? '')).join(' | ')} |`),
		'',
	].join('\n');
	mkdirSync(path.dirname(FIGURES_FILE), { recursive: true });
	appendFileSync(FIGURES_FILE, `${markdown}\n`);
	// eslint-disable-next-line no-console
	console.log(`${title}\n${markdown}`);
}
