// Shared set-up of the AI template e2e tests (templates 02, 02b, 07): the template stack
// (harness/template-stack.ts) with the OpenAI-compatible completion server: the Fanvue sandbox, a
// real PostgreSQL (schema by template 01) and a real n8n 2.41.1 loading the packed package, with
// the three credentials the templates reference — the Fanvue one connected through n8n's real
// OAuth2 PKCE flow with the "webhooks" scope group (automatic webhook registration).
import {
	CompletionServer,
	CredentialIds,
	ExecutionDetails,
	N8nInstance,
	PostgresDatabase,
	TemplateStack,
	defaultReply,
	readTemplate,
	setUpDatabase,
	startTemplateStack,
	withCredentials,
} from '../harness';

export const CLIENT_ID = 'e2e-ai-client';
export const CLIENT_SECRET = 'e2e-ai-secret';
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type AiEnv = TemplateStack & { ai: CompletionServer };

/** The login of template 02b's review page (its Form Trigger's basic auth credential). */
export const REVIEW_LOGIN = { user: 'creator', password: 'review-e2e-password' };

/**
 * The AI stack is started once for templates-ai.test.ts, whose suites (templates-ai/*.suite.ts)
 * share it: starting n8n, PostgreSQL, the sandbox and the completion server, connecting the
 * credentials and running template 01 took 20-40 s per file, four times (eight with queue mode).
 */
let sharedStack: Promise<AiEnv> | undefined;

async function startAiStack(): Promise<AiEnv> {
	const env = (await startTemplateStack({
		// One attempt per delivery: n8n answers at once, a refused delivery must not come back later.
		// Enough subscribers with a chat for every suite: none is given out twice (fanPicker).
		sandbox: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, fans: 200, webhookRetry: { attempts: 1, baseDelayMs: 100 } },
		withOpenAi: true,
		setUpDatabase: false,
		logName: 'ai-setup',
	})) as AiEnv;
	try {
		// Template 02b's review page asks for this login (a fourth credential, only 02b has it).
		const login = await env.n8n.rest.createCredential({ name: 'Review page login', type: 'httpBasicAuth', data: REVIEW_LOGIN });
		env.credentials.httpBasicAuth = { id: login.id, name: login.name };
	} catch (error) {
		await env.stop('ai-setup');
		throw error;
	}
	return env;
}

/**
 * A suite's view of the shared stack, as a fresh install looks: a database of its own with
 * template 01 run on it (its own Postgres credential), the model answering with defaultReply.
 * Its stop() hands the stack back: the suite's workflows unpublished and deleted (another suite
 * publishes the same templates, with the same webhook paths), faults and the model reset.
 */
export async function startAiEnv(): Promise<AiEnv> {
	const stack = await (sharedStack ??= startAiStack());
	const rest = stack.n8n.rest;
	const db = await stack.pg.createDatabase();
	const postgres = await rest.createCredential({ name: 'Postgres account', type: 'postgres', data: db.n8nCredentialData() });
	const credentials = { ...stack.credentials, postgres: { id: postgres.id, name: postgres.name } };
	await setUpDatabase(rest, credentials);
	let released: Promise<void> | undefined;
	return {
		...stack,
		db,
		credentials,
		stop: () =>
			(released ??= (async () => {
				// Every step even when one fails: a later suite must not meet this suite's state.
				const errors: unknown[] = [];
				const attempt = async (step: () => unknown) => {
					try {
						await step();
					} catch (error) {
						errors.push(error);
					}
				};
				for (const workflow of await rest.listWorkflows()) {
					if (workflow.active) await attempt(() => rest.unpublishWorkflow(workflow.id));
					await attempt(() => rest.deleteWorkflow(workflow.id));
				}
				await attempt(() => stack.sb.clearFaults());
				await attempt(() => stack.sb.resetRateLimits());
				stack.ai.hold(0).release();
				stack.ai.clearFailure();
				stack.ai.setReply(defaultReply);
				if (errors.length) throw errors[0];
			})()),
	};
}

/** A suite's view of the stack (startAiEnv), taken before its tests and handed back after them. */
export function useAiEnv(): () => AiEnv {
	let env: AiEnv | undefined;
	beforeAll(async () => {
		env = await startAiEnv();
	});
	afterAll(async () => {
		await env?.stop();
	});
	return () => {
		if (!env) throw new Error('set-up failed (see beforeAll)');
		return env;
	};
}

/** Stops the shared stack (templates-ai.test.ts, after every suite). */
export async function stopAiStack(): Promise<void> {
	const stack = await sharedStack?.catch(() => undefined);
	sharedStack = undefined;
	await stack?.stop('ai-setup');
}

/** The shipped template with credentials swapped and, optionally, Set-node values changed. */
export function templateWith(file: string, credentials: CredentialIds, setValues: Record<string, Record<string, unknown>> = {}) {
	const wf = withCredentials(readTemplate(file), credentials) as any;
	for (const [nodeName, values] of Object.entries(setValues)) {
		const node = wf.nodes.find((n: any) => n.name === nodeName);
		if (!node) throw new Error(`${file}: no node ${nodeName}`);
		for (const [name, value] of Object.entries(values)) {
			const assignment = node.parameters.assignments.assignments.find((a: any) => a.name === name);
			if (!assignment) throw new Error(`${file}: ${nodeName} has no ${name}`);
			assignment.value = value;
		}
	}
	return wf;
}

/**
 * Changes the AI chatter's settings (the one row of ai_settings that template 01 creates) as a
 * user does with SQL, and returns the whole row afterwards.
 */
export async function setAiSettings(db: PostgresDatabase, changes: Record<string, unknown> = {}): Promise<Record<string, any>> {
	const names = Object.keys(changes);
	for (const name of names) if (!/^[a-z_]+$/.test(name)) throw new Error(`not a column name: ${name}`);
	if (names.length) {
		await db.query(`UPDATE ai_settings SET ${names.map((name, i) => `${name} = $${i + 1}`).join(', ')} WHERE id = 1`, Object.values(changes));
	}
	const [row] = await db.query<Record<string, any>>('SELECT * FROM ai_settings WHERE id = 1');
	return row;
}

/** A value of a Set node of the shipped template (template 07's "Retry Settings" by default). */
export function templateSetting(file: string, name: string, nodeName = 'Retry Settings'): any {
	const node = (readTemplate(file) as any).nodes.find((n: any) => n.name === nodeName);
	return node.parameters.assignments.assignments.find((a: any) => a.name === name).value;
}

export function webhookIdOf(file: string): string {
	return (readTemplate(file) as any).nodes.find((n: any) => n.type === 'n8n-nodes-fanvue.fanvueTrigger').webhookId;
}

/** The fans already given out, per sandbox: the suites sharing a stack must not share a chat either. */
const usedFans = new WeakMap<object, Set<string>>();

/** Seeded subscribers with a chat, a different one per call (tests must not share a chat). */
export function fanPicker(sb: any) {
	if (!usedFans.has(sb)) usedFans.set(sb, new Set<string>());
	const used = usedFans.get(sb)!;
	return (): any => {
		const fan = sb.store.fans.find((f: any) => f.status === 'subscriber' && f.hasChat && !used.has(f.uuid));
		if (!fan) throw new Error('no unused subscriber with a chat left in the sandbox');
		used.add(fan.uuid);
		return fan;
	};
}

/** Messages the creator sent through the API (the replies) in a fan's chat. */
export function repliesTo(sb: any, fanUuid: string): any[] {
	const chat = sb.store.chat(fanUuid);
	if (!chat) return [];
	return sb.store.messagesOf(chat).filter((m: any) => m.senderUuid === sb.creator.uuid && m.viaApi);
}

export async function executionCount(n8n: N8nInstance, workflowId: string): Promise<number> {
	return (await n8n.rest.listExecutions(workflowId)).length;
}

/**
 * Waits until exactly `before + added` executions exist and returns the new ones (oldest first).
 * Call it once the deliveries that start them were answered: n8n stores an execution before it
 * answers its delivery, so none can come later (waitForExecutions), and no pause is needed.
 */
export async function newExecutions(n8n: N8nInstance, workflowId: string, before: number, added: number): Promise<ExecutionDetails[]> {
	const all = await n8n.rest.waitForExecutions(workflowId, before + added, 90_000, { exact: true });
	return all.slice(before);
}

export async function count(db: PostgresDatabase, sql: string, params: unknown[] = []): Promise<number> {
	const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) q`, params);
	return row.n;
}

export async function tableCounts(db: PostgresDatabase): Promise<Record<string, number>> {
	const out: Record<string, number> = {};
	for (const table of ['models', 'fans', 'chats', 'messages', 'webhook_deliveries']) {
		out[table] = await count(db, `SELECT 1 FROM ${table}`);
	}
	return out;
}

export async function messageRows(db: PostgresDatabase, fanvueMessageUuid: string) {
	const [incoming] = await db.query<any>('SELECT * FROM messages WHERE fanvue_message_uuid = $1', [fanvueMessageUuid]);
	const outgoing = incoming
		? await db.query<any>("SELECT * FROM messages WHERE reply_to_message_id = $1 AND direction = 'out' ORDER BY id", [incoming.id])
		: [];
	return { incoming, outgoing };
}

/** Polls until `check` returns a truthy value. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: T | undefined;
	while (Date.now() < deadline) {
		last = await check();
		if (last) return last;
		await sleep(250);
	}
	throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}
