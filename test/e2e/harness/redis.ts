// startRedis(): Debian's redis-server (scripts/ensure-redis.sh installs it) on 127.0.0.1, on a
// free port, with its working folder in the test run's folder and nothing persisted: the
// queue of n8n's queue mode for one test file. Registered with the run, so the teardown ends
// it if its owner never does.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

import { makeTempDir } from '../../helpers/test-run';
import { superviseGroup } from './process-group';
import { freePort } from './ports';

export interface RedisServer {
	host: string;
	port: number;
	/** What redis-server printed. */
	logs(): string;
	/** SIGTERM (SIGKILL after 10 s); removes its folder. Idempotent. */
	stop(): Promise<void>;
}

const READY_LINE = 'Ready to accept connections';

/** redis-server's path: FANVUE_REDIS_SERVER, else Debian's. */
export function redisServerBin(): string {
	return process.env.FANVUE_REDIS_SERVER ?? '/usr/bin/redis-server';
}

export async function startRedis(): Promise<RedisServer> {
	const bin = redisServerBin();
	if (!existsSync(bin)) throw new Error(`${bin} is missing: run scripts/ensure-redis.sh (installs Debian's redis-server)`);
	const dir = makeTempDir('fanvue-redis-');
	const port = await freePort();
	const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const group = superviseGroup(child, `redis-server on port ${port}`, 10_000);
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));

	const stop = async () => {
		await group.stop();
		rmSync(dir, { recursive: true, force: true });
	};

	try {
		await new Promise<void>((resolve, reject) => {
			const check = () => output.includes(READY_LINE) && resolve();
			child.stdout.on('data', check);
			child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output.slice(-2000)}`)));
		});
	} catch (error) {
		await stop();
		throw error;
	}
	return { host: '127.0.0.1', port, logs: () => output, stop };
}
