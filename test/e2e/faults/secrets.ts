// The secrets grep of the fault runs: every token the sandbox issued, the OAuth client secret and
// the webhook signing secret, searched in everything a run leaves behind (n8n's database files,
// its output and saved logs, the executions as the REST API returns them, the templates'
// PostgreSQL tables). Hits are reported by place and kind of secret, never by value.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { N8nInstance, PostgresDatabase } from '../harness';

export interface Secret {
	kind: string;
	value: string;
}

export interface Place {
	name: string;
	text: string;
}

export interface SecretHit {
	place: string;
	kind: string;
}

/** The secrets to look for: the sandbox's issued tokens (GET /_sandbox/tokens) and the given ones. */
export async function secretsOf(sb: { url: string; clientSecret: string }, extra: Secret[] = []): Promise<Secret[]> {
	const issued = (await (await fetch(`${sb.url}/_sandbox/tokens`)).json()) as { accessTokens: string[]; refreshTokens: string[] };
	return [
		...issued.accessTokens.map((value) => ({ kind: 'access token', value })),
		...issued.refreshTokens.map((value) => ({ kind: 'refresh token', value })),
		{ kind: 'client secret', value: sb.clientSecret },
		...extra,
	];
}

/** n8n's SQLite files (database, WAL, journal) read as text: execution data, every table. */
export function n8nDatabaseFiles(n8n: N8nInstance): Place[] {
	const dir = path.join(n8n.userFolder, '.n8n');
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((file) => file.startsWith('database.sqlite'))
		.map((file) => ({ name: `n8n database file ${file}`, text: readFileSync(path.join(dir, file)).toString('latin1') }));
}

/** Every saved log of this n8n (test-output/n8n-logs/*-<port>.log) and its output in memory. */
export function n8nLogs(n8n: N8nInstance, logDir: string): Place[] {
	const saved = existsSync(logDir)
		? readdirSync(logDir)
				.filter((file) => file.endsWith(`-${n8n.port}.log`))
				.map((file) => ({ name: `saved log ${file}`, text: readFileSync(path.join(logDir, file), 'utf8') }))
		: [];
	return [{ name: 'n8n process output', text: n8n.logs() }, ...saved];
}

/** Every execution of the workflows, as the REST API returns it (run data = every output item). */
export async function executionData(n8n: N8nInstance, workflowIds: string[]): Promise<Place[]> {
	const places: Place[] = [];
	for (const workflowId of workflowIds) {
		for (const summary of await n8n.rest.listExecutions(workflowId, { max: 5000 })) {
			const details = await n8n.rest.getExecution(summary.id);
			places.push({ name: `execution ${summary.id} (output items)`, text: JSON.stringify(details.data) });
		}
	}
	return places;
}

/** Every row of every table in the public schema of the templates' database, as text. */
export async function postgresTables(db: PostgresDatabase): Promise<Place[]> {
	const tables = await db.query<{ table_name: string }>(
		"SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
	);
	const places: Place[] = [];
	for (const { table_name } of tables) {
		const rows = await db.query<{ row: string }>(`SELECT t::text AS row FROM "${table_name.replace(/"/g, '""')}" t`);
		places.push({ name: `PostgreSQL table ${table_name}`, text: rows.map((r) => r.row).join('\n') });
	}
	return places;
}

export function grepSecrets(secrets: Secret[], places: Place[]): SecretHit[] {
	const hits: SecretHit[] = [];
	for (const place of places) {
		for (const secret of secrets) {
			if (secret.value && place.text.includes(secret.value)) hits.push({ place: place.name, kind: secret.kind });
		}
	}
	return hits;
}

/** The figures the suite prints: how many of each secret kind were looked for, in how many places, hits. */
export function secretsTable(secrets: Secret[], places: Place[], hits: SecretHit[]): Record<string, string | number> {
	const kinds = [...new Set(secrets.map((s) => s.kind))];
	const row: Record<string, string | number> = {};
	for (const kind of kinds) row[`${kind}s searched`] = secrets.filter((s) => s.kind === kind).length;
	row['places searched'] = places.length;
	row['bytes searched'] = places.reduce((n, p) => n + p.text.length, 0);
	row.hits = hits.length;
	return row;
}
