/**
 * ensureN8nInstalled(): makes sure the pinned n8n and its Node 24 are in the cache and
 * returns the cache folder.
 *
 * The real work is scripts/install-n8n.sh (idempotent; a `.installed` marker means done).
 * If another process is installing into the same folder right now, we wait for its marker
 * instead of starting a second npm install there. A first install takes 3-5 minutes: run
 * scripts/install-n8n.sh before the tests (CI does) to keep it out of jest's timeouts.
 *
 * A failed install is tried once per jest run: its cause is kept in the run's folder, and
 * every later test file fails at once with that cause instead of starting 3 GB again.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { testRunDir } from '../../helpers/test-run';
import { n8nBin, n8nCacheDir, REPO_ROOT } from './paths';

const MARKER = '.installed';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Is an install-n8n.sh or an npm working in this cache folder running? (Linux /proc scan) */
function installRunningFor(cacheDir: string): boolean {
	let pids: string[] = [];
	try {
		pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
	} catch {
		return false;
	}
	for (const pid of pids) {
		try {
			// install-n8n.sh works inside the cache folder, and so does the npm it runs.
			const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
			if (/install-n8n\.sh|npm/.test(cmd) && fs.readlinkSync(`/proc/${pid}/cwd`) === cacheDir) return true;
		} catch {
			/* gone, or not readable */
		}
	}
	return false;
}

function runInstallScript(): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn('bash', [path.join(REPO_ROOT, 'scripts', 'install-n8n.sh')], {
			cwd: REPO_ROOT,
			// Explicitly: under jest, process.env is the test's copy, which child_process ignores.
			env: process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (c) => (out += c));
		child.stderr.on('data', (c) => {
			process.stderr.write(c); // the progress line, as when run by hand
			err = (err + c).slice(-4000);
		});
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0
				? resolve(out.trim().split('\n').pop() ?? '')
				: reject(new Error(`scripts/install-n8n.sh exited with ${code}. Its last output:\n${err.trim()}`)),
		);
	});
}

const failureFile = () => {
	const runDir = testRunDir();
	return runDir ? path.join(runDir, 'n8n-install-failure.txt') : undefined;
};

/** The cause of this run's failed install, if one failed already. */
function earlierFailure(): string | undefined {
	const file = failureFile();
	return file && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

async function installOncePerRun(): Promise<string> {
	const earlier = earlierFailure();
	if (earlier) throw new Error(`n8n could not be installed earlier in this test run (not tried again): ${earlier}`);
	try {
		return await runInstallScript();
	} catch (error) {
		const file = failureFile();
		if (file) fs.writeFileSync(file, (error as Error).message);
		throw error;
	}
}

/**
 * Resolves with the cache folder of an installed n8n. Runs scripts/install-n8n.sh when the
 * marker is missing; waits up to `waitMs` (default 15 min) for a concurrent install.
 */
export async function ensureN8nInstalled(options: { waitMs?: number } = {}): Promise<string> {
	const cacheDir = n8nCacheDir();
	const marker = path.join(cacheDir, MARKER);
	if (fs.existsSync(marker)) return cacheDir;

	const deadline = Date.now() + (options.waitMs ?? 15 * 60_000);
	while (!fs.existsSync(marker) && installRunningFor(cacheDir) && Date.now() < deadline) {
		await sleep(2000);
	}
	if (!fs.existsSync(marker)) {
		const printed = await installOncePerRun();
		if (printed && printed !== cacheDir && fs.existsSync(path.join(printed, MARKER))) return printed;
	}
	if (!fs.existsSync(n8nBin(cacheDir))) {
		throw new Error(`n8n is not installed in ${cacheDir} (no ${n8nBin(cacheDir)})`);
	}
	return cacheDir;
}
