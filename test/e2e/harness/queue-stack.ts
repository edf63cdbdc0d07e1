// startQueueStack(): n8n in queue mode, as users scale it out: Redis (the queue), PostgreSQL
// (n8n's own database, shared by every process), `n8n start` (main: editor, REST, publishing,
// the triggers' registrations), `n8n webhook` (receives production webhooks and queues them)
// and `n8n worker` processes (run the executions). Every process has the packed package
// installed in a user folder of its own (two workers sharing one would share an event log,
// and a starting worker marks the other's running executions crashed) and the same
// encryption key, so each one reads the credentials main stored.
//
// A QueueStack is an N8nInstance (the main process) whose webhookUrl() points at the webhook
// process, so tests written for one n8n run unchanged (FANVUE_E2E_MODE=queue makes startN8n()
// return one). The chaos suite also kills and restarts workers.
import * as fs from 'fs';

import { makeTempDir } from '../../helpers/test-run';
import { ensureN8nInstalled } from './install';
import { installPackage, N8nInstance, n8nEnv } from './n8n-process';
import type { StartN8nOptions } from './n8n-process';
import { freePort } from './ports';
import { startPostgres } from './postgres';
import type { PostgresServer } from './postgres';
import { startRedis } from './redis';
import type { RedisServer } from './redis';

export interface QueueStackOptions extends StartN8nOptions {
	/** Number of `n8n worker` processes (default 2). */
	workers?: number;
}

/** What a worker logs when it takes an execution from the queue, and when it is done with it (n8n 2.41.1, log level info). */
const WORKER_STARTED_EXECUTION = /Worker started execution (\d+)/g;
const WORKER_FINISHED_EXECUTION = /Worker finished execution (\d+)/g;

export class QueueStack extends N8nInstance {
	constructor(
		port: number,
		userFolder: string,
		cacheDir: string,
		env: NodeJS.ProcessEnv,
		options: StartN8nOptions,
		/** `n8n webhook`: where Fanvue's (and every) production webhook goes. */
		readonly webhookProcess: N8nInstance,
		/** The `n8n worker` processes; their `port` is their health-check port. */
		readonly workers: N8nInstance[],
		readonly redis: RedisServer,
		readonly postgres: PostgresServer,
		/** The database on `postgres` that is n8n's own. */
		readonly database: string,
		private readonly ownsPostgres: boolean,
	) {
		super(port, userFolder, cacheDir, env, options, 'start');
	}

	/** Production webhook URL on the webhook process: http://127.0.0.1:<webhook port>/webhook/<path>. */
	override webhookUrl(webhookPath: string): string {
		return this.webhookProcess.webhookUrl(webhookPath);
	}

	/** Main first (it migrates the database and activates published workflows), then the others side by side. */
	override async start(): Promise<void> {
		await this.startProcess();
		await Promise.all([this.webhookProcess.start(), ...this.workers.map((worker) => worker.start())]);
	}

	/**
	 * Stops the n8n processes (workers first, so none picks up work from a gone main). With
	 * `keepUserFolder` (as restart() and a later start() need) Redis and PostgreSQL keep
	 * running; otherwise they are stopped too (PostgreSQL only if the stack started it).
	 */
	override async stop(opts: { timeoutMs?: number; keepUserFolder?: boolean } = {}): Promise<void> {
		const errors: unknown[] = [];
		const attempt = async (step: () => Promise<void>) => {
			try {
				await step();
			} catch (error) {
				errors.push(error);
			}
		};
		await Promise.all(this.workers.map((worker) => attempt(() => worker.stop(opts))));
		await attempt(() => this.webhookProcess.stop(opts));
		await attempt(() => this.stopProcess(opts));
		if (!opts.keepUserFolder) {
			await attempt(() => this.redis.stop());
			if (this.ownsPostgres) await attempt(() => this.postgres.stop());
		}
		if (errors.length) throw errors[0];
	}

	/** Everything each process printed, one section per process. */
	override logs(): string {
		const sections = [
			['main', super.logs()],
			['webhook', this.webhookProcess.logs()],
			...this.workers.map((worker, i) => [`worker ${i}`, worker.logs()]),
		];
		return sections.map(([name, text]) => `===== ${name} =====\n${text}\n`).join('\n');
	}

	/** SIGKILL to worker `i` (and its task runner): a crash, nothing shuts down cleanly. */
	async killWorker(i: number): Promise<void> {
		const worker = this.worker(i);
		if (worker.pid && worker.running) {
			try {
				process.kill(-worker.pid, 'SIGKILL');
			} catch {
				/* already gone */
			}
		}
		await worker.stop({ keepUserFolder: true, timeoutMs: 5_000 });
	}

	/** Stops worker `i` cleanly (SIGTERM: n8n lets running executions finish first, up to its timeout). */
	async stopWorker(i: number, timeoutMs?: number): Promise<void> {
		await this.worker(i).stop({ keepUserFolder: true, timeoutMs });
	}

	/** Starts worker `i` again (after killWorker/stopWorker, or stops it first if it runs). */
	async restartWorker(i: number): Promise<void> {
		const worker = this.worker(i);
		if (worker.running) await worker.stop({ keepUserFolder: true });
		await worker.start();
	}

	/** Ids of the executions worker `i` took from the queue, from its log (across its restarts). */
	executionIdsOfWorker(i: number): string[] {
		return [...this.worker(i).logs().matchAll(WORKER_STARTED_EXECUTION)].map((match) => match[1]);
	}

	/** Ids of the executions worker `i` took and has not finished, from its log (one a kill cut off stays listed). */
	executionIdsRunningOnWorker(i: number): string[] {
		const finished = new Set([...this.worker(i).logs().matchAll(WORKER_FINISHED_EXECUTION)].map((match) => match[1]));
		return this.executionIdsOfWorker(i).filter((id) => !finished.has(id));
	}

	private worker(i: number): N8nInstance {
		const worker = this.workers[i];
		if (!worker) throw new Error(`no worker ${i} (the stack has ${this.workers.length})`);
		return worker;
	}
}

/** Free ports, all different. */
async function distinctFreePorts(count: number): Promise<number[]> {
	const ports = new Set<number>();
	while (ports.size < count) ports.add(await freePort());
	return [...ports];
}

/**
 * Starts Redis, (PostgreSQL unless `options.postgres`), main, the webhook process and the
 * workers. Always pair with `await stack.stop()`; a failed start stops what it started.
 */
export async function startQueueStack(options: QueueStackOptions = {}): Promise<QueueStack> {
	const cacheDir = await ensureN8nInstalled();
	const workerCount = options.workers ?? 2;
	const [redisResult, postgresResult] = await Promise.allSettled([
		startRedis(),
		options.postgres ? Promise.resolve(options.postgres) : startPostgres(),
	]);
	const ownsPostgres = !options.postgres;
	const startedRedis = redisResult.status === 'fulfilled' ? redisResult.value : undefined;
	const startedPostgres = postgresResult.status === 'fulfilled' ? postgresResult.value : undefined;
	const cleanUp = async () => {
		await startedRedis?.stop().catch(() => undefined);
		if (ownsPostgres) await startedPostgres?.stop().catch(() => undefined);
	};
	if (!startedRedis || !startedPostgres) {
		await cleanUp();
		throw redisResult.status === 'rejected' ? redisResult.reason : (postgresResult as PromiseRejectedResult).reason;
	}
	const redis = startedRedis;
	const postgres = startedPostgres;

	let stack: QueueStack;
	try {
		const database = (await postgres.createDatabase()).database;
		// main, webhook, each worker's health check; a task-runner broker port for each process.
		const [mainPort, webhookPort, ...rest] = await distinctFreePorts(2 + workerCount + 2 + workerCount);
		const workerPorts = rest.slice(0, workerCount);
		const runnerPorts = rest.slice(workerCount);
		const queueEnv: Record<string, string | undefined> = {
			EXECUTIONS_MODE: 'queue',
			// Manual runs (the editor's "Execute workflow", template 01 here) go to the workers too.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			// Every process builds webhook URLs (the Fanvue Trigger registers one at Fanvue) from
			// this: the webhook process, as behind a proxy that routes /webhook/ there.
			N8N_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${mainPort}/`,
			// What settles an execution a dead worker (or a lost database write) left `running`
			// (n8n 2.41.1; README "Queue mode"). n8n never gives a stalled job to another worker
			// (it fixes Bull's maxStalledCount at 0): a job whose worker stops renewing its lock
			// for QUEUE_WORKER_LOCK_DURATION is failed at the next stalled check (every
			// QUEUE_WORKER_STALLED_INTERVAL, by any live worker) and the process that queued it
			// marks the execution failed. These are n8n's defaults (≤ 90 s); shorter locks would
			// fail jobs of live workers whose event loop stalls on 2 busy cores.
			QUEUE_WORKER_LOCK_DURATION: '60000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '10000',
			QUEUE_WORKER_STALLED_INTERVAL: '30000',
			// An execution whose job is done but which is still `running` in n8n's database (the
			// worker's final save failed while PostgreSQL restarted) is marked crashed only by
			// main's queue recovery: every 180 minutes by default, every minute here (the chaos
			// run restarts PostgreSQL).
			N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
			...options.env,
		};
		const folder = (name: string) => {
			const dir = makeTempDir(`fanvue-n8n-${name}-`);
			if (options.packageDir) installPackage(dir, options.packageDir);
			return dir;
		};
		const mainFolder = options.userFolder ?? makeTempDir('fanvue-n8n-main-');
		fs.mkdirSync(mainFolder, { recursive: true });
		if (options.packageDir) installPackage(mainFolder, options.packageDir);
		const processOptions: StartN8nOptions = {
			echoLogs: options.echoLogs,
			startTimeoutMs: options.startTimeoutMs,
			startStallMs: options.startStallMs,
			hungStartMarker: options.hungStartMarker,
			keepUserFolder: options.keepUserFolder,
		};
		const processOf = (command: 'webhook' | 'worker', port: number, runnerPort: number, extra: Record<string, string> = {}) => {
			const userFolder = folder(command);
			const env = n8nEnv({ cacheDir, port, runnerPort, userFolder, env: { ...queueEnv, ...extra } });
			return new N8nInstance(port, userFolder, cacheDir, env, processOptions, command);
		};
		const webhookProcess = processOf('webhook', webhookPort, runnerPorts[0]);
		const workers = workerPorts.map((port, i) =>
			processOf('worker', port, runnerPorts[2 + i], {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(port),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			}),
		);
		const mainEnv = n8nEnv({ cacheDir, port: mainPort, runnerPort: runnerPorts[1], userFolder: mainFolder, env: queueEnv });
		stack = new QueueStack(mainPort, mainFolder, cacheDir, mainEnv, { ...options, postgres }, webhookProcess, workers, redis, postgres, database, ownsPostgres);
	} catch (error) {
		await cleanUp();
		throw error;
	}
	try {
		await stack.start();
	} catch (error) {
		const file = stack.saveLogs('queue-stack-failed');
		await stack.stop().catch(() => undefined);
		throw new Error(`${(error as Error).message}\n(every process's output: ${file})`);
	}
	return stack;
}
