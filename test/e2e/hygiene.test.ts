/**
 * `npm test` leaves nothing behind: the run's teardown ends what a test started and lost track
 * of, a stopped PostgreSQL leaves no timer that keeps jest's worker alive, and a failed n8n
 * install is tried once per run, its cause reported to every later test file.
 * Each test works in a run folder of its own, not the folder of the run executing it.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { cleanUpTestRun, makeTempDir, registerProcessGroup, RUN_DIR_VARIABLE } from '../helpers/test-run';
import { startPostgres } from './harness';
import { ensureN8nInstalled } from './harness/install';

function withPrivateRun(): { dir: string; restore: () => void } {
	const previous = process.env[RUN_DIR_VARIABLE];
	// Inside the real run's folder, so that even a failed test leaves nothing after the run.
	const dir = makeTempDir('fanvue-hygiene-run-');
	fs.chmodSync(dir, 0o755); // as startTestRun() does: PostgreSQL's own user reaches its data inside
	process.env[RUN_DIR_VARIABLE] = dir;
	return {
		dir,
		restore: () => {
			if (previous === undefined) delete process.env[RUN_DIR_VARIABLE];
			else process.env[RUN_DIR_VARIABLE] = previous;
		},
	};
}

/** PIDs of processes whose command line mentions `text` (a data folder, a port). */
function processesMentioning(text: string): number[] {
	return fs
		.readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.filter((pid) => {
			try {
				return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
			} catch {
				return false;
			}
		})
		.map(Number);
}

/** Records the timers set from now on that have neither fired nor been cleared. */
function trackTimers(): { live: () => number[]; restore: () => void } {
	const realSet = global.setTimeout;
	const realClear = global.clearTimeout;
	const live = new Map<NodeJS.Timeout, number>();
	global.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
		const handle: NodeJS.Timeout = realSet(() => {
			live.delete(handle);
			callback(...args);
		}, ms);
		live.set(handle, ms ?? 0);
		return handle;
	}) as typeof setTimeout;
	global.clearTimeout = ((handle?: NodeJS.Timeout) => {
		if (handle) live.delete(handle);
		realClear(handle);
	}) as typeof clearTimeout;
	return {
		live: () => [...live.values()],
		restore: () => {
			global.setTimeout = realSet;
			global.clearTimeout = realClear;
		},
	};
}

describe('test run hygiene', () => {
	it('the teardown stops a PostgreSQL that no test stopped and removes its data folder', async () => {
		const run = withPrivateRun();
		try {
			const server = await startPostgres({ own: true });
			const dataDirs = fs.readdirSync(run.dir).filter((name) => name.startsWith('fanvue-pg-'));
			expect(dataDirs).toHaveLength(1);
			const dataDir = path.join(run.dir, dataDirs[0]);
			expect(processesMentioning(dataDir).length).toBeGreaterThan(0);
			expect((await (await server.createDatabase()).query('SELECT 1 AS one'))[0]).toEqual({ one: 1 });

			// Like a beforeAll that timed out: nobody calls server.stop().
			const stoppedByTeardown = await cleanUpTestRun(run.dir);

			expect(stoppedByTeardown).toEqual([expect.stringContaining(`embedded PostgreSQL on port ${server.port}`)]);
			expect(processesMentioning(dataDir)).toEqual([]);
			expect(fs.existsSync(run.dir)).toBe(false);
		} finally {
			run.restore();
		}
	});

	it('the teardown leaves alone a process that took the id of a registered group gone meanwhile', async () => {
		const run = withPrivateRun();
		const stranger = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
		try {
			registerProcessGroup(stranger.pid!, 'a group that ended long ago');
			// What the registry holds for a group whose leader started at another time.
			const entry = path.join(run.dir, 'process-groups', String(stranger.pid));
			fs.writeFileSync(entry, 'a group that ended long ago\n1');

			expect(await cleanUpTestRun(run.dir, 1_000)).toEqual([]);
			expect(stranger.exitCode).toBeNull();
			expect(() => process.kill(stranger.pid!, 0)).not.toThrow();
		} finally {
			stranger.kill('SIGKILL');
			run.restore();
		}
	});

	it('a stopped PostgreSQL leaves no timer or process behind', async () => {
		const run = withPrivateRun();
		try {
			const pending = trackTimers();
			let server: Awaited<ReturnType<typeof startPostgres>>;
			try {
				server = await startPostgres({ own: true });
				await server.stop();
			} finally {
				pending.restore();
			}
			// A timer still pending after stop() keeps jest's worker alive after the tests.
			expect(pending.live()).toEqual([]);
			expect(processesMentioning(`-p ${server!.port}`)).toEqual([]);
			expect(await cleanUpTestRun(run.dir)).toEqual([]);
		} finally {
			run.restore();
		}
	});

	it('a failed n8n install runs once per test run; later callers get its cause without installing again', async () => {
		const run = withPrivateRun();
		const cache = path.join(run.dir, 'n8n-cache');
		const saved = { cache: process.env.FANVUE_N8N_CACHE, version: process.env.N8N_VERSION };
		// A version the registry does not have: npm fails in seconds, as it would offline.
		process.env.FANVUE_N8N_CACHE = cache;
		process.env.N8N_VERSION = '0.0.0-does-not-exist';
		try {
			const first = await ensureN8nInstalled({ waitMs: 0 }).catch((error: Error) => error);
			expect(first).toBeInstanceOf(Error);
			expect((first as Error).message).toMatch(/install-n8n\.sh exited with \d+/);
			expect((first as Error).message).toContain('0.0.0-does-not-exist');

			fs.rmSync(cache, { recursive: true, force: true });
			const second = await ensureN8nInstalled({ waitMs: 0 }).catch((error: Error) => error);
			expect((second as Error).message).toMatch(/could not be installed earlier in this test run \(not tried again\)/);
			expect((second as Error).message).toContain('0.0.0-does-not-exist');
			// The script makes the cache folder first thing: it did not run again.
			expect(fs.existsSync(cache)).toBe(false);
		} finally {
			for (const [name, value] of [
				['FANVUE_N8N_CACHE', saved.cache],
				['N8N_VERSION', saved.version],
			] as const) {
				if (value === undefined) delete process.env[name];
				else process.env[name] = value;
			}
			await cleanUpTestRun(run.dir);
			run.restore();
		}
	});
});
