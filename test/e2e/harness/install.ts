/**
 * ensureN8nInstalled(): makes sure the pinned n8n and its Node 24 are in the cache.
 *
 * The real work is scripts/install-n8n.sh (idempotent; a `.installed` marker means done).
 * If another process is installing right now, we wait for its marker instead of starting a
 * second npm install into the same folder.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { n8nBin, n8nCacheDir, REPO_ROOT } from './paths';

const MARKER = '.installed';

function sleep(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Is some npm install currently writing into this cache folder? (Linux /proc scan) */
function installRunningFor(cacheDir: string): boolean {
	try {
		for (const pid of fs.readdirSync('/proc')) {
			if (!/^\d+$/.test(pid)) continue;
			try {
				const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
				if (!cmd.includes('install-n8n.sh') && !cmd.includes('npm')) continue;
				const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
				if (cwd === cacheDir || cmd.includes('install-n8n.sh')) return true;
			} catch {
				/* process gone or not ours */
			}
		}
	} catch {
		/* no /proc */
	}
	return false;
}

/**
 * Returns the cache folder of an installed n8n. Runs scripts/install-n8n.sh when the marker
 * is missing (several minutes the first time); waits up to `waitMs` for a concurrent install.
 */
export function ensureN8nInstalled(options: { waitMs?: number } = {}): string {
	const cacheDir = n8nCacheDir();
	const marker = path.join(cacheDir, MARKER);
	if (fs.existsSync(marker)) return cacheDir;

	const deadline = Date.now() + (options.waitMs ?? 15 * 60_000);
	while (!fs.existsSync(marker) && installRunningFor(cacheDir) && Date.now() < deadline) {
		sleep(2000);
	}
	if (!fs.existsSync(marker)) {
		const out = execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'install-n8n.sh')], {
			cwd: REPO_ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		const printed = out.trim().split('\n').pop();
		if (printed && printed !== cacheDir && fs.existsSync(path.join(printed, MARKER))) {
			return printed;
		}
	}
	if (!fs.existsSync(n8nBin(cacheDir))) {
		throw new Error(`n8n is not installed in ${cacheDir} (no ${n8nBin(cacheDir)})`);
	}
	return cacheDir;
}
