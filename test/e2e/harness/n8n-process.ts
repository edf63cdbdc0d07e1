/**
 * startN8n(): one real n8n (the cached 2.41.1 under Node 24) on 127.0.0.1, on a free port,
 * with a fresh user folder and sqlite; resolves once it serves /healthz and has finished
 * starting (published workflows are active then).
 *
 * A start that fails says why, with the last lines of n8n's output and the path of its saved
 * log: at once when n8n exits; when it printed nothing for `startStallMs` (60 s) or was not
 * ready after `startTimeoutMs` (120 s), it is taken as hung, stopped, and every later start in
 * the same jest run fails at once, pointing at that first log (a marker in the run's folder).
 *
 * The returned N8nInstance can stop (SIGTERM, then SIGKILL of the whole process group),
 * restart on the same port and folder, show its captured output, run n8n CLI commands against
 * the same database, and talk to its REST API through `rest` (see rest-client.ts).
 */
import { ChildProcess, execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import axios from 'axios';
import { ensureN8nInstalled } from './install';
import { N8N_1X, n8nBin, node24BinDir, REPO_ROOT } from './paths';
import { makeTempDir, registerProcessGroup, testRunDir } from '../../helpers/test-run';
import { freePort } from './ports';
import type { PostgresServer } from './postgres';
import { N8nRestClient } from './rest-client';

/** Fixed so that credentials stay readable across restarts and CLI imports. */
export const E2E_ENCRYPTION_KEY = 'n8n-nodes-fanvue-e2e-encryption-key-0001';

export interface StartN8nOptions {
	/**
	 * An unpacked npm package (from packPackage()) to install the way n8n installs community
	 * packages: copied to <userFolder>/.n8n/nodes/node_modules/<package name>. Its nodes are
	 * then known as `<package name>.<node>` (n8n-nodes-fanvue.fanvue), as on users' machines.
	 */
	packageDir?: string;
	/**
	 * N8N_CUSTOM_EXTENSIONS (folders joined by ';'). n8n's CustomDirectoryLoader names nodes
	 * found there `CUSTOM.<node>` (CUSTOM.fanvue), not by package name: prefer packageDir.
	 */
	extensionsDir?: string;
	/** Extra / overriding environment for n8n (e.g. DB_TYPE=postgresdb and DB_POSTGRESDB_*). */
	env?: Record<string, string | undefined>;
	/** Port for n8n's HTTP server; a free one when omitted. */
	port?: number;
	/** Reuse an existing user folder (default: a fresh temp folder, removed by stop()). */
	userFolder?: string;
	/**
	 * How long n8n may take to become ready before the start counts as hung (default 120 s; a
	 * first start with migrations takes 6-15 s here).
	 */
	startTimeoutMs?: number;
	/**
	 * How long n8n may print nothing while not ready before the start counts as hung (default
	 * 60 s; the longest silence of a normal start here is about 2 s).
	 */
	startStallMs?: number;
	/**
	 * The file that marks a hung start for the rest of the run (default: `n8n-start-hung.txt` in
	 * the jest run's folder; none outside jest). Harness tests give their own so as not to stop
	 * the run's other n8n starts.
	 */
	hungStartMarker?: string;
	/** Echo n8n's output to this process's stderr as it arrives (or set FANVUE_E2E_N8N_LOGS=1). */
	echoLogs?: boolean;
	/** Keep the user folder after stop() (or set FANVUE_E2E_KEEP=1), for post-mortems. */
	keepUserFolder?: boolean;
	/**
	 * Queue mode only (FANVUE_E2E_MODE=queue): the PostgreSQL server that hosts n8n's own
	 * database (a fresh database on it); by default the queue stack starts one of its own.
	 */
	postgres?: PostgresServer;
}

/** The switch of the e2e suite: FANVUE_E2E_MODE=queue runs startN8n() and the template stack in queue mode. */
export function queueModeRequested(): boolean {
	return process.env.FANVUE_E2E_MODE === 'queue';
}

/** The n8n process kinds: `start` (main, editor and REST), and in queue mode `webhook` and `worker`. */
export type N8nCommand = 'start' | 'webhook' | 'worker';

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

const MAX_LOG_CHARS = 2_000_000;
const READY_LINE = 'Editor is now accessible via';
export const DEFAULT_START_TIMEOUT_MS = 120_000;
export const DEFAULT_START_STALL_MS = 60_000;
/** How many of n8n's last output lines a failed start's error shows. */
const FAILED_START_LOG_LINES = 60;

/** Where a hung start is marked for the rest of the jest run (undefined outside jest). */
export function hungStartMarkerPath(options: Pick<StartN8nOptions, 'hungStartMarker'> = {}): string | undefined {
	if (options.hungStartMarker) return options.hungStartMarker;
	const runDir = testRunDir();
	return runDir ? path.join(runDir, 'n8n-start-hung.txt') : undefined;
}

/** The last `count` lines of `text`. */
function lastLines(text: string, count: number): string {
	const lines = text.replace(/\n+$/, '').split('\n');
	return lines.slice(-count).join('\n');
}

export class N8nInstance {
	readonly baseUrl: string;
	/** REST API client with a cookie jar (owner setup, credentials, workflows, executions). */
	readonly rest: N8nRestClient;
	private child?: ChildProcess;
	private exited?: Promise<void>;
	private output = '';
	/** When n8n last printed something (stall detection while starting). */
	private lastOutputAt = 0;
	private readonly echo: boolean;

	constructor(
		readonly port: number,
		readonly userFolder: string,
		readonly cacheDir: string,
		protected readonly env: NodeJS.ProcessEnv,
		protected readonly options: StartN8nOptions,
		/** What this process runs: `n8n start` unless a queue stack made it a webhook process or a worker. */
		readonly command: N8nCommand = 'start',
	) {
		this.baseUrl = `http://127.0.0.1:${port}`;
		this.rest = new N8nRestClient(this.baseUrl, userFolder);
		this.echo = options.echoLogs ?? process.env.FANVUE_E2E_N8N_LOGS === '1';
	}

	/** Production webhook URL of a path: http://127.0.0.1:<port>/webhook/<path>. */
	webhookUrl(webhookPath: string): string {
		return `${this.baseUrl}/webhook/${webhookPath.replace(/^\//, '')}`;
	}

	/** Everything n8n printed (stdout and stderr interleaved) since startN8n(), across restarts. */
	logs(): string {
		return this.output;
	}

	/** Writes logs() to test-output/n8n-logs/<name>-<port>.log (kept after the run, unlike temp folders) and returns the path. */
	saveLogs(name: string): string {
		const dir = path.join(REPO_ROOT, 'test-output', 'n8n-logs');
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, `${name}-${this.port}.log`);
		fs.writeFileSync(file, this.logs());
		return file;
	}

	get running(): boolean {
		return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
	}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	private append(chunk: Buffer | string): void {
		const text = chunk.toString();
		if (this.echo) process.stderr.write(text);
		this.output += text;
		if (this.output.length > MAX_LOG_CHARS) this.output = this.output.slice(-MAX_LOG_CHARS);
	}

	/** Starts the process and waits until it is ready. Used by startN8n() and restart(). */
	async start(): Promise<void> {
		await this.startProcess();
	}

	/**
	 * Spawns `n8n <command>` and waits until it is ready: `start` once /healthz answers and it
	 * printed READY_LINE; `webhook` and `worker` once /healthz/readiness answers 200 (their
	 * database and Redis connections are up; plain /healthz answers before that).
	 */
	protected async startProcess(): Promise<void> {
		if (this.running) throw new Error(`n8n ${this.command} is already running`);
		const marker = hungStartMarkerPath(this.options);
		if (marker && fs.existsSync(marker)) {
			throw new Error(
				`n8n ${this.command} on port ${this.port} not started: an earlier n8n start in this jest run hung, and this one ` +
					`would most likely hang too (not tried, so that the run does not wait for it again). The first: ${fs.readFileSync(marker, 'utf8').trim()}`,
			);
		}
		const outputStart = this.output.length;
		this.append(`\n----- n8n ${this.command} ${new Date().toISOString()} (port ${this.port}) -----\n`);
		const child = spawn(n8nBin(this.cacheDir), [this.command], {
			env: this.env,
			cwd: this.userFolder,
			detached: true, // own process group: stop() kills n8n and its task runners together
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.child = child;
		this.lastOutputAt = Date.now();
		const fromChild = (chunk: Buffer) => {
			this.lastOutputAt = Date.now();
			this.append(chunk);
		};
		child.stdout!.on('data', fromChild);
		child.stderr!.on('data', fromChild);
		this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
		// Safety net: if the test process exits without stop() (crash, forced exit), take n8n
		// and its task runners down with it instead of leaving them listening.
		const killGroup = () => {
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				/* already gone */
			}
		};
		process.once('exit', killGroup);
		// If nobody calls stop() (a beforeAll that timed out, a worker jest killed), the run's
		// teardown stops it.
		const forget = registerProcessGroup(child.pid!, `n8n ${this.command} on port ${this.port}`);
		child.once('exit', () => {
			process.removeListener('exit', killGroup);
			forget();
		});
		child.once('exit', (code, signal) => this.append(`\n----- n8n exited (code ${code}, signal ${signal}) -----\n`));

		const started = Date.now();
		const timeoutMs = this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
		const stallMs = this.options.startStallMs ?? DEFAULT_START_STALL_MS;
		const healthPath = this.command === 'start' ? '/healthz' : '/healthz/readiness';
		let health = 'no answer';
		for (;;) {
			if (!this.running) {
				const { exitCode, signalCode } = child;
				return await this.failedStart(outputStart, `exited while starting (code ${exitCode}, signal ${signalCode})`, false);
			}
			if (health !== '200') {
				try {
					const res = await axios.get(`${this.baseUrl}${healthPath}`, { timeout: 2000, validateStatus: () => true });
					health = String(res.status);
				} catch {
					/* not listening yet */
				}
			}
			const readyLine = this.command !== 'start' || this.output.slice(outputStart).includes(READY_LINE);
			if (health === '200' && readyLine) return;
			if (!this.running) continue; // exited during the health check: reported above
			const state = `${healthPath}: ${health}${this.command === 'start' ? `; "${READY_LINE}" ${readyLine ? 'printed' : 'not printed'}` : ''}`;
			const now = Date.now();
			if (now - this.lastOutputAt >= stallMs) {
				return await this.failedStart(outputStart, `hung while starting: printed nothing for ${Math.round((now - this.lastOutputAt) / 1000)} s and is not ready (${state})`, true);
			}
			if (now - started >= timeoutMs) {
				return await this.failedStart(outputStart, `hung while starting: not ready after ${Math.round((now - started) / 1000)} s (${state})`, true);
			}
			await Promise.race([new Promise((r) => setTimeout(r, 250)), this.exited]);
		}
	}

	/**
	 * A start that failed: stops what is left of the process (a hung one without waiting for a
	 * clean shutdown), saves the whole log, marks a hung start for the rest of the jest run, and
	 * throws with the reason, the log's path and its last lines.
	 */
	private async failedStart(outputStart: number, reason: string, hung: boolean): Promise<never> {
		const tail = lastLines(this.output.slice(outputStart), FAILED_START_LOG_LINES);
		// In the saved log, what follows (n8n's shutdown messages) is not taken for the cause.
		if (hung) this.append(`\n----- the e2e harness gives up: ${reason}; stopping it -----\n`);
		await this.stopProcess({ keepUserFolder: true, ...(hung ? { timeoutMs: 5_000 } : {}) });
		const logFile = this.saveLogs(`failed-n8n-${this.command}`);
		const what = `n8n ${this.command} on port ${this.port} ${reason}`;
		const marker = hung ? hungStartMarkerPath(this.options) : undefined;
		if (marker) {
			try {
				fs.writeFileSync(marker, `${what}. Its log: ${logFile}\n`, { flag: 'wx' }); // the first hang stays the one named
			} catch {
				/* marked already */
			}
		}
		throw new Error(`${what}. Its log: ${logFile}\nIts last ${FAILED_START_LOG_LINES} lines:\n${tail}`);
	}

	/**
	 * Stops n8n: SIGTERM to its process group, SIGKILL to the group after `timeoutMs`
	 * (default 20 s). Safe to call twice or after a crash. Removes a temp user folder unless
	 * `keepUserFolder` (restart() keeps it).
	 */
	async stop(opts: { timeoutMs?: number; keepUserFolder?: boolean } = {}): Promise<void> {
		await this.stopProcess(opts);
	}

	/** stop() of this one process (a queue stack's stop() also stops the others). */
	protected async stopProcess(opts: { timeoutMs?: number; keepUserFolder?: boolean } = {}): Promise<void> {
		const child = this.child;
		if (child && child.pid && this.running) {
			const signalGroup = (sig: NodeJS.Signals) => {
				try {
					process.kill(-child.pid!, sig);
				} catch {
					/* already gone */
				}
			};
			signalGroup('SIGTERM');
			let timer: NodeJS.Timeout | undefined;
			const timedOut = await Promise.race([
				this.exited!.then(() => false),
				new Promise<boolean>((r) => {
					timer = setTimeout(() => r(true), opts.timeoutMs ?? 20_000);
				}),
			]);
			clearTimeout(timer);
			if (timedOut) {
				signalGroup('SIGKILL');
				await this.exited;
			}
		}
		// Task runners (same process group) may outlive a crashed or stopped main process.
		if (child?.pid) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* group already empty */
			}
		}
		this.child = undefined;
		const keep =
			opts.keepUserFolder ?? (this.options.keepUserFolder || process.env.FANVUE_E2E_KEEP === '1' || !!this.options.userFolder);
		if (!keep) fs.rmSync(this.userFolder, { recursive: true, force: true });
	}

	/**
	 * Stops and starts again on the same port, user folder and database; then (once an owner
	 * exists) makes sure the session works and waits until published workflows are live again.
	 */
	async restart(): Promise<void> {
		await this.stop({ keepUserFolder: true });
		await this.start();
		if (this.rest.owner) {
			await this.rest.reloginIfNeeded();
			await this.rest.waitForPublishedWorkflows();
		}
	}

	/**
	 * CLI fallback for importing (no REST session needed): writes the workflow JSON (given an
	 * id if it has none) to a temp file and runs `n8n import:workflow`. n8n must be stopped.
	 * Resolves with the workflow id.
	 */
	async importWorkflowCli(json: Record<string, unknown>): Promise<string> {
		if (this.running) throw new Error('importWorkflowCli: stop n8n first (stop({ keepUserFolder: true }))');
		const id = typeof json.id === 'string' && json.id ? json.id : randomWorkflowId();
		const file = path.join(this.userFolder, `import-${id}.json`);
		fs.writeFileSync(file, JSON.stringify({ active: false, settings: { executionOrder: 'v1' }, ...json, id }));
		const res = await this.cli(['import:workflow', `--input=${file}`]);
		fs.rmSync(file, { force: true });
		if (res.code !== 0) throw new Error(`n8n import:workflow failed (${res.code}):\n${res.stdout}\n${res.stderr}`);
		return id;
	}

	/**
	 * CLI fallback for publishing: `n8n publish:workflow --id=<id>` (current version); n8n 1.x
	 * has no such command and activates with `n8n update:workflow --id=<id> --active=true`.
	 * n8n must be stopped.
	 */
	async publishWorkflowCli(id: string): Promise<CliResult> {
		if (this.running) throw new Error('publishWorkflowCli: stop n8n first (stop({ keepUserFolder: true }))');
		const args = N8N_1X ? ['update:workflow', `--id=${id}`, '--active=true'] : ['publish:workflow', `--id=${id}`];
		const res = await this.cli(args);
		if (res.code !== 0) throw new Error(`n8n ${args[0]} failed (${res.code}):\n${res.stdout}\n${res.stderr}`);
		return res;
	}

	/**
	 * Runs an n8n CLI command (e.g. ['import:workflow', '--input=/tmp/wf.json'],
	 * ['publish:workflow', '--id=abc']) against this instance's database and settings.
	 * Most write commands want n8n stopped (sqlite); call stop({ keepUserFolder: true }) first.
	 */
	cli(args: string[], timeoutMs = 120_000): Promise<CliResult> {
		return new Promise((resolve) => {
			execFile(
				n8nBin(this.cacheDir),
				args,
				{ env: this.env, cwd: this.userFolder, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
				(error, stdout, stderr) => {
					const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
					resolve({ code, stdout: String(stdout), stderr: String(stderr) });
				},
			);
		});
	}
}

/** A random id in n8n's workflow-id alphabet (16 alphanumerics). */
export function randomWorkflowId(): string {
	const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from({ length: 16 }, () => abc[Math.floor(Math.random() * abc.length)]).join('');
}

/** The environment n8n runs with (exported for the README and for debugging). */
export function n8nEnv(opts: {
	cacheDir: string;
	port: number;
	runnerPort: number;
	userFolder: string;
	extensionsDir?: string;
	env?: Record<string, string | undefined>;
}): NodeJS.ProcessEnv {
	const base: NodeJS.ProcessEnv = {};
	// Start from the parent environment minus anything that would change n8n's behaviour:
	// jest sets NODE_ENV=test, and n8n skips setting NODE_PATH for community nodes in "test"
	// mode, so a packed node could not require('n8n-workflow').
	for (const [k, v] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|WEBHOOK_URL|EXECUTIONS_|QUEUE_|JEST_|NODE_ENV|NODE_OPTIONS|NODE_PATH|GENERIC_TIMEZONE)/.test(k)) continue;
		base[k] = v;
	}
	const url = `http://127.0.0.1:${opts.port}/`;
	const env: NodeJS.ProcessEnv = {
		...base,
		PATH: `${node24BinDir(opts.cacheDir)}${path.delimiter}${process.env.PATH ?? ''}`,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: opts.userFolder,
		N8N_PORT: String(opts.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: url,
		N8N_EDITOR_BASE_URL: url,
		N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// The JS task runner broker listens on 5679 by default: parallel n8ns would collide.
		N8N_RUNNERS_BROKER_PORT: String(opts.runnerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		DB_TYPE: 'sqlite',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		...(opts.extensionsDir ? { N8N_CUSTOM_EXTENSIONS: opts.extensionsDir } : {}),
	};
	for (const [k, v] of Object.entries(opts.env ?? {})) {
		if (v === undefined) delete env[k];
		else env[k] = v;
	}
	return env;
}

/**
 * Installs an unpacked package into a user folder where n8n's community-packages module
 * scans at startup (<userFolder>/.n8n/nodes/node_modules/<name>); returns that path.
 * n8n resolves the package's `require('n8n-workflow')` itself (it extends NODE_PATH).
 */
export function installPackage(userFolder: string, packageDir: string): string {
	const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name: string };
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', ...pkg.name.split('/'));
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.cpSync(packageDir, target, { recursive: true, filter: (src) => !src.endsWith('.tgz') });
	return target;
}

/**
 * Starts n8n and resolves with the ready instance. Always pair with `await n8n.stop()`.
 * With FANVUE_E2E_MODE=queue it is a whole queue-mode stack instead (see queue-stack.ts):
 * the same API, its REST on the main process, its webhook URLs on the webhook process.
 */
export async function startN8n(options: StartN8nOptions = {}): Promise<N8nInstance> {
	if (queueModeRequested()) {
		// Loaded here: queue-stack.ts extends N8nInstance, so it needs this module first.
		const { startQueueStack } = await import('./queue-stack');
		return await startQueueStack(options);
	}
	const cacheDir = await ensureN8nInstalled();
	const port = options.port ?? (await freePort());
	let runnerPort = await freePort();
	while (runnerPort === port) runnerPort = await freePort();
	const userFolder = options.userFolder ?? makeTempDir('fanvue-n8n-');
	fs.mkdirSync(userFolder, { recursive: true });
	if (options.packageDir) installPackage(userFolder, options.packageDir);
	const env = n8nEnv({ cacheDir, port, runnerPort, userFolder, extensionsDir: options.extensionsDir, env: options.env });
	const instance = new N8nInstance(port, userFolder, cacheDir, env, options);
	await instance.start();
	return instance;
}
