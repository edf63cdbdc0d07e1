/**
 * The engagement templates end to end, imported AS SHIPPED (only the credentials swapped):
 *   03-welcome-new-subscribers.json, 04-thank-tippers.json, 06-scheduled-mass-message.json.
 *
 * The template stack (harness/template-stack.ts): a real n8n 2.41.1 loading the `npm pack`
 * tarball, a real PostgreSQL, the local Fanvue sandbox, a Fanvue credential connected through
 * n8n's real OAuth2 PKCE flow (scopeGroups ['webhooks'] so the triggers register themselves when
 * published).
 *
 * The schema comes from workflows/01-setup-database.json, run once manually; while that
 *
 * Manual runs (template 01 and the scheduled template 06) use harness/run-manually.ts: the
 * editor's route POST /rest/workflows/:id/run {triggerToStartFrom: {name}} (n8n 2.41.1
 * ManualRunDto), then GET /rest/executions/:id until the execution settles.
 */
import {
	ExecutionDetails,
	N8nInstance,
	executedNodes,
	importTemplate,
	nodeOutput,
	readTemplate,
	startTemplateStack,
} from './harness';
import type { CredentialIds, PostgresDatabase, TemplateStack } from './harness';
import { runWorkflowManually } from './harness';
import { templateWith } from './templates/ai-setup';

const CLIENT_ID = 'e2e-engagement-client';
const CLIENT_SECRET = 'e2e-engagement-secret';
const WELCOME = '03-welcome-new-subscribers.json';
const THANKS = '04-thank-tippers.json';
const MASS = '06-scheduled-mass-message.json';

/** Static parts of a Set node value like "=Hi {{ expr }}, welcome…" (the text around expressions). */
function staticParts(value: string): string[] {
	return value
		.replace(/^=/, '')
		.split(/{{[\s\S]*?}}/)
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

function templateNode(file: string, name: string): any {
	const node = (readTemplate(file).nodes as any[]).find((n) => n.name === name);
	if (!node) throw new Error(`${file} has no node "${name}"`);
	return node;
}

/** Runs the template's own Code node "Thank-you Tiers" outside n8n for a tip item. */
function thanksFor(tipItem: Record<string, unknown>): { tier: number; text: string; amount: string } {
	const code = templateNode(THANKS, 'Thank-you Tiers').parameters.jsCode as string;
	// eslint-disable-next-line no-new-func
	const run = new Function('$', code);
	return run(() => ({ item: { json: tipItem } })).json;
}

describe('engagement templates e2e (03 welcome, 04 thanks, 06 mass message)', () => {
	let stack: TemplateStack | undefined;
	let n8n: N8nInstance | undefined;
	let sb: any;
	let db: PostgresDatabase;
	let credentials: CredentialIds;

	const instance = (): N8nInstance => {
		if (!n8n) throw new Error('n8n did not start (see beforeAll error)');
		return n8n;
	};

	/** Fan-facing messages the creator sent through the API into a fan's chat, oldest first. */
	function apiMessagesTo(fanUuid: string): any[] {
		const chat = sb.store.chat(fanUuid);
		if (!chat) return [];
		return sb.store.messagesOf(chat).filter((m: any) => m.viaApi && m.senderUuid === sb.creator.uuid);
	}

	/** Editor-style manual run (harness/run-manually.ts: POST /rest/workflows/:id/run), settled execution. */
	const runManually = (workflowId: string, triggerNode: string) =>
		runWorkflowManually(instance().rest, workflowId, { triggerNode, timeoutMs: 60_000 });

	/**
	 * The `added` executions a fan act started, once settled; exactly `before + added` exist then.
	 * No quiet period is needed for "exactly": every delivery of the act was answered 2xx (so the
	 * sandbox sends none of them again), and n8n stores a delivery's execution before answering it.
	 */
	async function newExecutions(act: any, workflowId: string, before: number, added: number): Promise<ExecutionDetails[]> {
		expect(act.deliveries.length).toBeGreaterThanOrEqual(added);
		expect(act.deliveries.filter((d: any) => !(d.status >= 200 && d.status < 300))).toEqual([]);
		const all = await instance().rest.waitForExecutions(workflowId, before + added, 60_000, { exact: true });
		return all.slice(before);
	}

	const executionCount = async (workflowId: string) => (await instance().rest.listExecutions(workflowId)).length;

	beforeAll(async () => {
		// Template 01 (the schema) runs once manually as part of the stack, as a user would.
		stack = await startTemplateStack({
			sandbox: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, webhookRetry: { attempts: 3, baseDelayMs: 500 } },
			logName: 'templates-engagement',
		});
		({ n8n, sb, db, credentials } = stack);
		expect(stack.fanvueConnection!.credential.data.oauthTokenData).toBeTruthy();
	});

	afterAll(async () => {
		await stack?.stop('templates-engagement');
	});

	test('the templates are importable as shipped: fixed workflow ids, placeholder credentials, sticky notes, fixed webhook ids', () => {
		for (const file of [WELCOME, THANKS, MASS]) {
			const wf = readTemplate(file) as any;
			expect(wf.id).toBe(`FanvueTemplate${file.slice(0, 2)}`);
			expect(wf.settings).toEqual({ executionOrder: 'v1' });
			expect(wf.nodes.some((n: any) => n.type === 'n8n-nodes-base.stickyNote')).toBe(true);
			for (const node of wf.nodes) {
				for (const [type, ref] of Object.entries<any>(node.credentials ?? {})) {
					expect(ref.id).toBe('REPLACE_ME');
					expect(ref.name).toBe({ fanvueOAuth2Api: 'Fanvue account', postgres: 'Postgres account' }[type]);
				}
			}
			// 03 and 04 start from a Fanvue Trigger (06 from a schedule), each with a fixed webhook id.
			const triggers = wf.nodes.filter((node: any) => node.type === 'n8n-nodes-fanvue.fanvueTrigger');
			expect(triggers).toHaveLength(file === MASS ? 0 : 1);
			for (const trigger of triggers) expect(trigger.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		}
		expect(templateNode(WELCOME, 'Welcome Message').type).toBe('n8n-nodes-base.set');
		expect(templateNode(MASS, 'Mass Message Settings').type).toBe('n8n-nodes-base.set');
		expect(templateNode(MASS, 'Send Mass Message').retryOnFail).not.toBe(true);
		// The tiers fit the amounts: three different texts, each naming the amount in dollars.
		const fan = { uuid: 'x', displayName: 'Ann', handle: 'ann' };
		const small = thanksFor({ amountCents: 500, fan });
		const medium = thanksFor({ amountCents: 2500, fan });
		const big = thanksFor({ amountCents: 7500, fan });
		expect([small.tier, medium.tier, big.tier]).toEqual([1, 2, 3]);
		expect(small.text).toContain('$5.00');
		expect(medium.text).toContain('$25.00');
		expect(big.text).toContain('$75.00');
		expect(new Set([small.text, medium.text, big.text]).size).toBe(3);
	});

	describe('03 Welcome new subscribers', () => {
		let workflowId: string;

		beforeAll(async () => {
			const wf = await importTemplate(instance().rest, WELCOME, credentials);
			workflowId = wf.id;
			await instance().rest.publishWorkflow(wf.id);
		});

		afterAll(async () => {
			if (workflowId) await instance().rest.unpublishWorkflow(workflowId).catch(() => undefined);
		});

		test('a new subscriber gets exactly one welcome message (text from the template) and the rows exist', async () => {
			const act = await sb.fanActs({ type: 'subscribe' });
			const fanUuid: string = act.fanUuid;
			const fan = sb.store.fan(fanUuid);
			const [run] = await newExecutions(act, workflowId, 0, 1);
			expect(run.errorMessage).toBeUndefined();
			expect(run.status).toBe('success');

			const sent = apiMessagesTo(fanUuid);
			expect(sent).toHaveLength(1);
			const text: string = sent[0].text;
			for (const part of staticParts(templateNode(WELCOME, 'Welcome Message').parameters.assignments.assignments[0].value)) {
				expect(text).toContain(part);
			}
			expect(text).toContain(fan.displayName || fan.handle);
			expect(nodeOutput(run, 'Welcome Message')[0].text).toBe(text);

			const [fanRow] = await db.query<any>('SELECT f.*, m.fanvue_user_uuid AS model_uuid FROM fans f JOIN models m ON m.id = f.model_id WHERE f.fanvue_user_uuid = $1', [fanUuid]);
			expect(fanRow.status).toBe('subscriber');
			expect(fanRow.model_uuid).toBe(sb.creator.uuid);
			expect(fanRow.display_name).toBe(fan.displayName);
			const subs = await db.query<any>('SELECT * FROM subscriptions WHERE fan_id = $1', [fanRow.id]);
			expect(subs).toHaveLength(1);
			expect(subs[0].welcomed_at).toBeTruthy();
			expect(subs[0].event_id).toBe(nodeOutput(run, 'Fanvue Trigger')[0].eventId);
			const messages = await db.query<any>(
				'SELECT msg.* FROM messages msg JOIN chats c ON c.id = msg.chat_id WHERE c.fanvue_chat_user_uuid = $1',
				[fanUuid],
			);
			expect(messages).toHaveLength(1);
			expect(messages[0]).toMatchObject({ direction: 'out', status: 'sent', text, fanvue_message_uuid: sent[0].uuid });
		});

		test('a duplicated delivery still gets one welcome; the repeat stops after the delivery log', async () => {
			const before = await executionCount(workflowId);
			const act = await sb.fanActs({ type: 'subscribe', duplicate: true });
			const runs = await newExecutions(act, workflowId, before, 2);
			expect(runs.map((r) => r.status)).toEqual(['success', 'success']);
			expect(nodeOutput(runs[0], 'Fanvue Trigger')[0].eventId).toBe(nodeOutput(runs[1], 'Fanvue Trigger')[0].eventId);
			const sentIn = runs.filter((r) => executedNodes(r).includes('Send Welcome'));
			expect(sentIn).toHaveLength(1);

			expect(apiMessagesTo(act.fanUuid)).toHaveLength(1);
			const eventId = nodeOutput(runs[0], 'Fanvue Trigger')[0].eventId;
			expect(await db.query('SELECT event_id FROM webhook_deliveries WHERE event_id = $1', [eventId])).toHaveLength(1);
			const subs = await db.query<any>(
				'SELECT s.* FROM subscriptions s JOIN fans f ON f.id = s.fan_id WHERE f.fanvue_user_uuid = $1',
				[act.fanUuid],
			);
			expect(subs).toHaveLength(1);
			expect(subs[0].welcomed_at).toBeTruthy();
		});

		test('a refused welcome is stored as failed and the subscription stays unwelcomed', async () => {
			const before = await executionCount(workflowId);
			sb.setFaults({ failSends: true });
			let act: any;
			let run!: ExecutionDetails;
			try {
				act = await sb.fanActs({ type: 'subscribe' });
				[run] = await newExecutions(act, workflowId, before, 1);
			} finally {
				sb.clearFaults();
			}
			expect(run.status).toBe('success');
			expect(executedNodes(run)).toContain('Record Failed Welcome');
			expect(executedNodes(run)).not.toContain('Mark Welcomed');
			expect(apiMessagesTo(act.fanUuid)).toHaveLength(0);
			const subs = await db.query<any>(
				'SELECT s.* FROM subscriptions s JOIN fans f ON f.id = s.fan_id WHERE f.fanvue_user_uuid = $1',
				[act.fanUuid],
			);
			expect(subs).toHaveLength(1);
			expect(subs[0].welcomed_at).toBeNull();
			const messages = await db.query<any>(
				'SELECT msg.* FROM messages msg JOIN chats c ON c.id = msg.chat_id WHERE c.fanvue_chat_user_uuid = $1',
				[act.fanUuid],
			);
			expect(messages).toHaveLength(1);
			expect(messages[0]).toMatchObject({ direction: 'out', status: 'failed', fanvue_message_uuid: null });
			expect(messages[0].last_error).toMatch(/503/);
		});
	});

	describe('04 Thank tippers', () => {
		let workflowId: string;

		beforeAll(async () => {
			const wf = await importTemplate(instance().rest, THANKS, credentials);
			workflowId = wf.id;
			await instance().rest.publishWorkflow(wf.id);
		});

		afterAll(async () => {
			if (workflowId) await instance().rest.unpublishWorkflow(workflowId).catch(() => undefined);
		});

		test('a $25 tip gets exactly one thanks from the matching tier, mentioning $25.00, and a tips row with thanked_at', async () => {
			const act = await sb.fanActs({ type: 'tip', amountCents: 2500 });
			const fanUuid: string = act.fanUuid;
			const [run] = await newExecutions(act, workflowId, 0, 1);
			expect(run.errorMessage).toBeUndefined();
			expect(run.status).toBe('success');

			const trigger = nodeOutput(run, 'Fanvue Trigger')[0] as any;
			expect(trigger.amountCents).toBe(2500);
			const expected = thanksFor(trigger);
			expect(expected.tier).toBe(2);
			// The tipper may have had creator messages before (e.g. a welcome): count the thanks only.
			const sent = apiMessagesTo(fanUuid).filter((m) => m.text.includes('$25.00'));
			expect(sent).toHaveLength(1);
			expect(sent[0].text).toBe(expected.text);
			expect(sent[0].text).toContain('$25.00');

			const tips = await db.query<any>('SELECT t.* FROM tips t JOIN fans f ON f.id = t.fan_id WHERE f.fanvue_user_uuid = $1', [fanUuid]);
			expect(tips).toHaveLength(1);
			expect(tips[0]).toMatchObject({ amount_cents: 2500, event_id: trigger.eventId });
			expect(tips[0].thanked_at).toBeTruthy();
			const messages = await db.query<any>(
				'SELECT msg.* FROM messages msg JOIN chats c ON c.id = msg.chat_id WHERE c.fanvue_chat_user_uuid = $1 AND msg.text = $2',
				[fanUuid, expected.text],
			);
			expect(messages).toHaveLength(1);
			expect(messages[0]).toMatchObject({ direction: 'out', status: 'sent', text: expected.text, fanvue_message_uuid: sent[0].uuid });
		});

		test('a duplicated tip delivery is thanked once', async () => {
			const before = await executionCount(workflowId);
			const act = await sb.fanActs({ type: 'tip', amountCents: 7500, duplicate: true });
			const runs = await newExecutions(act, workflowId, before, 2);
			expect(runs.map((r) => r.status)).toEqual(['success', 'success']);
			const sent = apiMessagesTo(act.fanUuid).filter((m) => m.text.includes('$75.00'));
			expect(sent).toHaveLength(1);
			expect(sent[0].text).toBe(thanksFor(nodeOutput(runs[0], 'Fanvue Trigger')[0]).text);
			const tips = await db.query<any>(
				'SELECT t.* FROM tips t JOIN fans f ON f.id = t.fan_id WHERE f.fanvue_user_uuid = $1 AND t.amount_cents = 7500',
				[act.fanUuid],
			);
			expect(tips).toHaveLength(1);
		});
	});

	describe('06 Scheduled mass message', () => {
		let workflowId: string;
		const settings = () => {
			const assignments = templateNode(MASS, 'Mass Message Settings').parameters.assignments.assignments as any[];
			return Object.fromEntries(assignments.map((a) => [a.name, a.value]));
		};

		beforeAll(async () => {
			const wf = await importTemplate(instance().rest, MASS, credentials);
			workflowId = wf.id;
			await instance().rest.publishWorkflow(wf.id); // the Friday schedule is live; the runs below are manual
		});

		afterEach(() => sb?.clearFaults());

		afterAll(async () => {
			if (workflowId) await instance().rest.unpublishWorkflow(workflowId).catch(() => undefined);
		});

		test('one run sends one mass message to the chosen list and records it with the recipient count', async () => {
			const chosen = JSON.parse(settings().includedSmartLists);
			expect(chosen).toEqual(['subscribers']);
			const expectedRecipients = sb.store.fans.filter((f: any) => f.status === 'subscriber' && sb.store.isContactable(f)).length;
			expect(expectedRecipients).toBeGreaterThan(0);
			const massBefore = sb.store.massMessages.length;

			const run = await runManually(workflowId, 'Schedule Trigger');
			expect(run.errorMessage).toBeUndefined();
			expect(run.status).toBe('success');

			expect(sb.store.massMessages).toHaveLength(massBefore + 1);
			const mass = sb.store.massMessages[sb.store.massMessages.length - 1];
			expect(mass.recipientCount).toBe(expectedRecipients);
			expect(mass.content.text).toBe(settings().text);
			const request = sb.requests().filter((r: any) => r.method === 'POST' && r.path === '/chats/mass-messages');
			expect(request).toHaveLength(1);
			expect(request[0].body.includedLists).toEqual({ smartListUuids: ['subscribers'], customListUuids: [] });

			const rows = await db.query<any>('SELECT * FROM mass_messages ORDER BY id');
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({
				fanvue_mass_message_id: mass.id,
				recipient_count: expectedRecipients,
				status: 'sent',
				text: settings().text,
				error: null,
			});
			expect(rows[0].included_lists).toEqual({ smartLists: ['subscribers'], customLists: [] });
			const [model] = await db.query<any>('SELECT * FROM models WHERE id = $1', [rows[0].model_id]);
			expect(model.fanvue_user_uuid).toBe(sb.creator.uuid);
		});

		/** A manual run of 06 that fails at Send Mass Message; the execution fails after the failure was recorded. */
		async function failedRun(workflow: string) {
			sb.clearRequests();
			const massBefore = sb.store.massMessages.length;
			const run = await runManually(workflow, 'Schedule Trigger');
			expect(run.status).toBe('error');
			expect(executedNodes(run)).toEqual(expect.arrayContaining(['Send Mass Message', 'Record Failed', 'Stop With Error']));
			expect(executedNodes(run)).not.toContain('Record Sent');
			const [row] = nodeOutput(run, 'Record Failed') as any[];
			// The run has ended (runManually returns it settled): every request it made, a retry
			// included, reached the sandbox before that. Nothing runs for it any more.
			const posts = sb.requests().filter((r: any) => r.method === 'POST' && r.path === '/chats/mass-messages');
			expect(posts).toHaveLength(1);
			const [stored] = await db.query<any>('SELECT * FROM mass_messages WHERE id = $1', [row.id]);
			expect(stored.recipient_count).toBeNull();
			expect(stored.error).toBeTruthy();
			return { run, row: stored, post: posts[0], delivered: sb.store.massMessages.slice(massBefore) };
		}

		test('delivered, then 500: recorded as unknown, never retried, and the error says it may have reached fans', async () => {
			sb.setFaults({ deliverThenFail: 'error' });
			const { run, row, post, delivered } = await failedRun(workflowId);
			expect(post.status).toBe(500);
			expect(delivered).toHaveLength(1); // the fans got it: exactly once
			expect(row).toMatchObject({ status: 'unknown', text: settings().text });
			expect(row.error).toMatch(/500/);
			expect(run.errorMessage).toMatch(/may have reached some or all fans/);
			expect(run.errorMessage).toMatch(/recorded as unknown/i);
			expect(run.errorMessage).not.toMatch(/was not sent/);
		});

		test('503 (the client cannot tell): recorded as unknown too, one POST', async () => {
			sb.setFaults({ failSends: true });
			const { run, row, post } = await failedRun(workflowId);
			expect(post.status).toBe(503);
			expect(row.status).toBe('unknown');
			expect(run.errorMessage).toMatch(/may have reached some or all fans/);
		});

		test('refused by Fanvue (a list that does not exist): recorded as failed, and the error says it was not sent', async () => {
			const refusing = await instance().rest.importWorkflow(
				templateWith(MASS, credentials, {
					'Mass Message Settings': { includedSmartLists: '[]', includedCustomLists: '["0b6f6a52-7c1e-4d38-9d55-1e0a4b7b9c11"]' },
				}),
			);
			const { run, row, post, delivered } = await failedRun(refusing.id);
			expect(post.status).toBe(400);
			expect(delivered).toEqual([]);
			expect(row.status).toBe('failed');
			expect(row.error).toMatch(/Custom list not found/);
			expect(run.errorMessage).toMatch(/was not sent: Fanvue refused it/);
			expect(await db.query("SELECT id FROM mass_messages WHERE status = 'sent'")).toHaveLength(1);
		});
	});
});
