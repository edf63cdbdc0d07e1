#!/usr/bin/env node
// n8n's verification runs `npx @n8n/scan-community-package n8n-nodes-fanvue` on the published
// package: it checks npm provenance, then lints with its own ESLint rules (1) the source the
// provenance points at (package.json, nodes/, credentials/) and (2) the tarball (compiled .js
// and package.json). The package is not published from here, so this runs the scanner's own
// lint step on both legs locally: the source leg on this checkout, the tarball leg on what
// `npm pack` makes of the current build (run `npm run build` first). Provenance is the release
// workflow's `npm publish --provenance`; no local check can prove it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workDir = mkdtempSync(path.join(tmpdir(), 'fanvue-scan-'));
// The scanner makes a temp folder when loaded and never removes it: give it one inside ours.
process.env.TMPDIR = workDir;

try {
	const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(
		'@n8n/scan-community-package/scanner/scanner.mjs'
	);

	const [{ filename }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', workDir], {
			cwd: repoRoot,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		}),
	);
	const packageDir = path.join(workDir, 'package');
	mkdirSync(packageDir);
	execFileSync('tar', ['-xzf', path.join(workDir, filename), '-C', packageDir, '--strip-components=1']);

	// The same two calls, with the same file patterns, as the scanner's analyzePackageByName.
	const legs = [
		['source (package.json, nodes/, credentials/)', await analyzePackage(repoRoot, SOURCE_FILE_PATTERNS)],
		[`tarball (${filename}: compiled .js and package.json)`, await analyzePackage(packageDir, ['**/*.js', 'package.json'])],
	];
	for (const [leg, result] of legs) {
		console.log(`${result.passed ? '✅' : '❌'} scanner rules on the ${leg}${result.passed ? '' : `: ${result.message}`}`);
		if (result.details) console.log(result.details);
	}
	process.exitCode = legs.every(([, result]) => result.passed) ? 0 : 1;
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
