// The stack the template e2e tests run on: a real n8n 2.41.1 loading the packed package (with
// an owner), a real PostgreSQL with a database of its own, the Fanvue sandbox, optionally the
// OpenAI-compatible completion server, the credentials the shipped templates reference (the
// Fanvue one connected through n8n's real OAuth2 PKCE flow) and the schema of template 01.
// Whatever was started is stopped again when a step fails, and by stop().
import { startCompletionServer } from './completion-server';
import type { CompletionServer, CompletionServerOptions } from './completion-server';
import { connectFanvueCredential, startFanvueSandbox } from './fanvue';
import type { FanvueCredentialOptions } from './fanvue';
import { queueModeRequested, startN8n } from './n8n-process';
import type { N8nInstance } from './n8n-process';
import type { ConnectOAuth2Result } from './oauth';
import { packPackage } from './pack';
import { startPostgres as startPostgresServer } from './postgres';
import type { PostgresDatabase, PostgresServer } from './postgres';
import { setUpDatabase } from './templates';
import type { CredentialIds } from './templates';

export interface TemplateStackOptions {
	/**
	 * startSandbox() options (seed, fans, clientId, clientSecret, webhookRetry, …; port 0 and
	 * autoApprove are preset). `false`: no sandbox and no Fanvue credential.
	 */
	sandbox?: Record<string, unknown> | false;
	/** The Fanvue credential; default name 'Fanvue account', scopeGroups ['webhooks'] (triggers register themselves). */
	fanvueCredential?: FanvueCredentialOptions;
	/** Default 'Postgres account'. */
	postgresCredentialName?: string;
	/** Start the completion server (these options) and create the credential 'OpenAI account' (openAiApi, Base URL = the server). */
	withOpenAi?: boolean | CompletionServerOptions;
	/** Run template 01 once on the database (default true). */
	setUpDatabase?: boolean;
	/** Name of the n8n log file stop() writes by default; a failed start writes `<logName>-failed`. Default 'template-stack'. */
	logName?: string;
	/** A PostgreSQL of the stack's own instead of the run's shared one: for a test that restarts it. */
	ownPostgres?: boolean;
	/** Extra environment for n8n (every process of it in queue mode), e.g. settings the README recommends. */
	n8nEnv?: Record<string, string>;
}

export interface TemplateStack {
	n8n: N8nInstance;
	/** The sandbox handle (sandbox/README.md); undefined with `sandbox: false`. */
	sb: any;
	pg: PostgresServer;
	/** The database the Postgres credential points at (template 01 ran on it unless setUpDatabase: false). */
	db: PostgresDatabase;
	/** With withOpenAi only. */
	ai?: CompletionServer;
	/** `{ id, name }` by credential type: postgres, fanvueOAuth2Api (with a sandbox), openAiApi (withOpenAi). */
	credentials: CredentialIds;
	/** The OAuth2 connect of the Fanvue credential (undefined with `sandbox: false`). */
	fanvueConnection?: ConnectOAuth2Result;
	/** Saves n8n's output (`test-output/n8n-logs/<logName>-<port>.log`), stops n8n, the sandbox, the completion server and PostgreSQL. Idempotent. */
	stop(logName?: string): Promise<void>;
}

type Parts = Partial<Pick<TemplateStack, 'n8n' | 'sb' | 'pg' | 'ai'>>;

async function stopParts(parts: Parts, logName: string): Promise<void> {
	const errors: unknown[] = [];
	const attempt = async (step: () => Promise<void> | undefined) => {
		try {
			await step();
		} catch (error) {
			errors.push(error);
		}
	};
	if (parts.n8n) {
		const n8n = parts.n8n;
		await attempt(async () => {
			// eslint-disable-next-line no-console
			console.log(`n8n output saved to ${n8n.saveLogs(logName)}`);
		});
		await attempt(() => n8n.stop());
	}
	await attempt(() => parts.sb?.stop());
	await attempt(() => parts.ai?.stop());
	await attempt(() => parts.pg?.stop());
	if (errors.length) throw errors[0];
}

/** Starts n8n, PostgreSQL, the sandbox (and the completion server) side by side; stops them all when one fails. */
async function startParts(options: TemplateStackOptions): Promise<Parts> {
	const parts: Parts = {};
	const packageDir = packPackage();
	const startPostgres = () => startPostgresServer({ own: options.ownPostgres });
	// In queue mode n8n's own database is a second database on the same PostgreSQL, so n8n
	// starts once PostgreSQL is up.
	const postgresAndN8n: Promise<unknown>[] = queueModeRequested()
		? [
				startPostgres().then(async (pg) => {
					parts.pg = pg;
					parts.n8n = await startN8n({ packageDir, postgres: pg, env: options.n8nEnv });
				}),
			]
		: [startN8n({ packageDir, env: options.n8nEnv }).then((n8n) => (parts.n8n = n8n)), startPostgres().then((pg) => (parts.pg = pg))];
	const started = await Promise.allSettled([
		...postgresAndN8n,
		options.sandbox === false ? undefined : startFanvueSandbox(options.sandbox ?? {}).then((sb) => (parts.sb = sb)),
		options.withOpenAi
			? startCompletionServer(options.withOpenAi === true ? {} : options.withOpenAi).then((ai) => (parts.ai = ai))
			: undefined,
	]);
	const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
	if (failed) {
		await stopParts(parts, `${options.logName ?? 'template-stack'}-failed`).catch(() => undefined);
		throw failed.reason;
	}
	return parts;
}

export async function startTemplateStack(options: TemplateStackOptions = {}): Promise<TemplateStack> {
	const defaultLogName = options.logName ?? 'template-stack';
	const parts = await startParts(options);
	const n8n = parts.n8n!;
	const pg = parts.pg!;
	const { sb, ai } = parts;
	try {
		const rest = n8n.rest;
		await rest.setupOwner();
		const db = await pg.createDatabase();
		const credentials: CredentialIds = {};
		const postgres = await rest.createCredential({
			name: options.postgresCredentialName ?? 'Postgres account',
			type: 'postgres',
			data: db.n8nCredentialData(),
		});
		credentials.postgres = { id: postgres.id, name: postgres.name };
		let fanvueConnection: ConnectOAuth2Result | undefined;
		if (sb) {
			const fanvue = await connectFanvueCredential(rest, sb, { scopeGroups: ['webhooks'], ...options.fanvueCredential });
			credentials.fanvueOAuth2Api = { id: fanvue.id, name: fanvue.name };
			fanvueConnection = fanvue.connection;
		}
		if (ai) {
			const openAi = await rest.createCredential({
				name: 'OpenAI account',
				type: 'openAiApi',
				data: { apiKey: 'sk-e2e-not-a-real-key', organizationId: '', url: ai.baseUrl, header: false },
			});
			credentials.openAiApi = { id: openAi.id, name: openAi.name };
		}
		// The schema: template 01, run once manually as a user would.
		if (options.setUpDatabase !== false) await setUpDatabase(rest, credentials);

		let stopped: Promise<void> | undefined;
		return {
			n8n,
			sb,
			pg,
			db,
			ai,
			credentials,
			fanvueConnection,
			stop: (logName = defaultLogName) => (stopped ??= stopParts(parts, logName)),
		};
	} catch (error) {
		await stopParts(parts, `${defaultLogName}-failed`).catch(() => undefined);
		throw error;
	}
}
