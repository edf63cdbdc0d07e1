/**
 * The Fanvue Trigger end to end: a real n8n 2.41.1 loading the `npm pack` tarball of this
 * package, the local Fanvue sandbox delivering signed webhooks, credentials connected through
 * n8n's real OAuth2 PKCE flow.
 *
 *  1. Manual registration: the sandbox's Developer-Area target points at the trigger's
 *     production URL with the credential's signing secret; fan acts start one execution each
 *     with normalized items; forged deliveries get 401 and start nothing; a body that is not
 *     JSON gets 400 (text/plain) or n8n's own 422 (application/json); an unselected event and
 *     the creator's own message get 200 and start nothing.
 *  2. Automatic registration: publishing subscribes the URL through POST /webhooks/subscriptions,
 *     deliveries signed with the subscription's own secret start executions, unpublishing
 *     deletes the subscription; a refused registration (no read:creator, or the app without the
 *     subscriptions API) fails the publish with the manual set-up steps in n8n's answer.
 *  3. A duplicated delivery starts two executions with the same eventId.
 *  4. Automatic registration leaves exactly one subscription for the URL after a crash between
 *     the POST and saving its secret, and after re-importing the workflow (static data lost)
 *     and publishing it again, twice.
 *  5. With Fanvue's rate limit exhausted, a delivery is answered without waiting for the
 *     bucket (the issue's 2 s; checked in the sandbox's request log, not with a clock): emitted without
 *     the look-up it could not make, or 503 (delivered again later) when the loop guard cannot
 *     tell in time whether the connected account wrote the message.
 *
 * One n8n and one sandbox for the whole file (beforeAll), stopped in afterAll.
 */
import axios, { AxiosResponse } from 'axios';
import { createHmac } from 'crypto';
import {
	ExecutionDetails,
	N8N_1X,
	N8nInstance,
	connectFanvueCredential,
	messageReceivedPayload,
	nodeOutput,
	packPackage,
	randomWorkflowId,
	startFanvueSandbox,
	startN8n,
} from './harness';

const CLIENT_ID = 'e2e-trigger-client';
const CLIENT_SECRET = 'e2e-trigger-secret';
const MANUAL_SECRET = 'whsec_e2e_manual_signing_secret_0123456789';
const TRIGGER = 'Fanvue Trigger';

/** Webhook ids fixed in the workflow JSON, so the production URLs are known in advance. */
const MANUAL_WEBHOOK_ID = 'c0000000-0000-4000-8000-000000000001';
const AUTO_WEBHOOK_ID = 'c0000000-0000-4000-8000-000000000002';
const REFUSED_WEBHOOK_ID = 'c0000000-0000-4000-8000-000000000003';
const DISABLED_WEBHOOK_ID = 'c0000000-0000-4000-8000-000000000004';
const REIMPORT_WEBHOOK_ID = 'c0000000-0000-4000-8000-000000000005';
const BUSY_WEBHOOK_ID = 'c0000000-0000-4000-8000-000000000006';
const BUSY_COLD_WEBHOOK_ID = 'c0000000-0000-4000-8000-000000000007';
const FALLBACK_WEBHOOK_ID = 'c0000000-0000-4000-8000-000000000008';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sign(secret: string, t: number, rawBody: string): string {
	return createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex');
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

function post(url: string, body: string, headers: Record<string, string>): Promise<AxiosResponse> {
	return axios.post(url, body, {
		headers,
		validateStatus: () => true,
		timeout: 30_000,
		transformRequest: [(data) => data], // send the string exactly as given
	});
}

interface TriggerNodeOptions {
	webhookId: string;
	registration: 'manual' | 'automatic';
	events: string[];
	credential: { id: string; name: string };
	options?: Record<string, unknown>;
}

function triggerWorkflow(name: string, o: TriggerNodeOptions) {
	return {
		name,
		nodes: [
			{
				parameters: { registration: o.registration, events: o.events, options: o.options ?? {} },
				id: `d0000000-0000-4000-8000-${o.webhookId.slice(-12)}`,
				name: TRIGGER,
				type: 'n8n-nodes-fanvue.fanvueTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: o.webhookId,
				credentials: { fanvueOAuth2Api: o.credential },
			},
			{
				parameters: {},
				id: `e0000000-0000-4000-8000-${o.webhookId.slice(-12)}`,
				name: 'No Operation',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

describe('Fanvue Trigger e2e (real n8n + packed package + sandbox)', () => {
	let n8n: N8nInstance | undefined;
	let sb: any;
	const extraSandboxes: any[] = [];

	const instance = (): N8nInstance => {
		if (!n8n) throw new Error('n8n did not start (see beforeAll error)');
		return n8n;
	};
	/** Production URL of a trigger node: /webhook/<webhookId>/<the node's path "webhook">. */
	const triggerUrl = (webhookId: string) => instance().webhookUrl(`${webhookId}/webhook`);

	async function fanvueCredential(
		name: string,
		sandbox: any,
		extra: { scopeGroups: string[]; webhookSigningSecret?: string },
	): Promise<{ id: string; name: string }> {
		const cred = await connectFanvueCredential(instance().rest, sandbox, { name, ...extra }); // the sandbox's CLIENT_ID / CLIENT_SECRET
		expect(cred.connection.credential.data.oauthTokenData).toBeTruthy();
		return { id: cred.id, name: cred.name };
	}

	/**
	 * Waits until `before + added` executions exist and have settled, then requires exactly that
	 * many, and returns the newest `added`. Call it once every delivery meant has been answered:
	 * n8n creates the execution of a delivery before it answers it (responseMode onReceived, and
	 * in queue mode too: the webhook process stores it before queueing it), and answers a refused
	 * one without any. So no delivery answered before this call can add an execution later: no
	 * quiet period is needed for "exactly".
	 */
	async function newExecutions(workflowId: string, before: number, added: number): Promise<ExecutionDetails[]> {
		const all = await instance().rest.waitForExecutions(workflowId, before + added, 60_000);
		expect(all.map((run) => run.id)).toHaveLength(before + added);
		return all.slice(before);
	}

	async function executionCount(workflowId: string): Promise<number> {
		return (await instance().rest.listExecutions(workflowId)).length;
	}

	/**
	 * After deliveries that must start nothing, all of them answered already: a control fan
	 * message through the sandbox (the Developer-Area target of the manual workflow), which does
	 * start an execution. Once it is seen, every earlier delivery would have been seen too (see
	 * newExecutions): exactly one new execution, and it is the control's.
	 */
	async function expectOnlyTheControlExecution(workflowId: string, before: number) {
		const text = `control ${Date.now()}`;
		const control = await sb.fanActs({ type: 'message', text });
		expect(control.deliveries.map((d: any) => d.status)).toEqual([200]);
		const [run] = await newExecutions(workflowId, before, 1);
		expect(triggerItem(run).message.text).toBe(text);
	}

	function triggerItem(run: ExecutionDetails): Record<string, any> {
		expect(run.status).toBe('success');
		expect(run.mode).toBe('webhook');
		const items = nodeOutput(run, TRIGGER);
		expect(items).toHaveLength(1);
		return items[0] as Record<string, any>;
	}

	beforeAll(async () => {
		const packageDir = packPackage();
		// One attempt per delivery: a refused delivery shows up as such, never as a late retry.
		sb = await startFanvueSandbox({
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			webhookRetry: { attempts: 1, baseDelayMs: 100 },
		});
		n8n = await startN8n({ packageDir });
		await n8n.rest.setupOwner();
	});

	afterAll(async () => {
		if (n8n) {
			const logFile = n8n.saveLogs('trigger');
			// eslint-disable-next-line no-console
			console.log(`n8n output saved to ${logFile}`);
			await n8n.stop();
		}
		await sb?.stop();
		for (const other of extraSandboxes) await other.stop();
	});

	test('n8n loaded the packed trigger node', async () => {
		const types = await instance().rest.nodeTypes();
		const trigger = types.find((t) => t.name === 'n8n-nodes-fanvue.fanvueTrigger');
		expect(trigger).toBeTruthy();
		expect(trigger!.displayName).toBe('Fanvue Trigger');
	});

	// ------------------------------------------------------------------ manual registration

	describe('manual registration', () => {
		let manualCredential: { id: string; name: string };
		let workflowId: string;
		let url: string;

		beforeAll(async () => {
			manualCredential = await fanvueCredential('Fanvue manual', sb, {
				scopeGroups: [],
				webhookSigningSecret: MANUAL_SECRET,
			});
			const wf = await instance().rest.importWorkflow(
				triggerWorkflow('e2e trigger manual', {
					webhookId: MANUAL_WEBHOOK_ID,
					registration: 'manual',
					events: ['message.received', 'subscriber.new', 'tip.received'],
					credential: manualCredential,
				}),
			);
			workflowId = wf.id;
			url = triggerUrl(MANUAL_WEBHOOK_ID);
			await instance().rest.publishWorkflow(workflowId);
			// The Developer Area's Events tab: the node's three events plus New Follower, which
			// the node does not select (deliveries of it must be acknowledged and ignored).
			sb.configureWebhook({
				url,
				events: ['Message Received', 'New Subscriber', 'Tip Received', 'New Follower'],
				signingSecret: MANUAL_SECRET,
			});
		});

		afterAll(async () => {
			sb?.clearWebhooks();
			if (workflowId && n8n) await n8n.rest.unpublishWorkflow(workflowId).catch(() => undefined);
		});

		test('publishing in manual mode makes no subscriptions API call', () => {
			expect(sb.store.webhookSubscriptions.size).toBe(0);
			expect(sb.requests().filter((r: any) => r.path.startsWith('/webhooks/'))).toEqual([]);
		});

		test('a fan message starts exactly one execution with the normalized item', async () => {
			const before = await executionCount(workflowId);
			const text = `Hello from e2e ${Date.now()} ✨`;
			const act = await sb.fanActs({ type: 'message', text });
			expect(act.deliveries).toHaveLength(1);
			expect(act.deliveries[0].status).toBe(200);
			// n8n answers once the execution exists, with the trigger's small JSON body (without
			// the node's empty responseData, 2.41.1 would send the literal text "firstEntryJson").
			expect(JSON.parse(act.deliveries[0].responseBody)).toEqual({ received: true });

			const [run] = await newExecutions(workflowId, before, 1);
			const item = triggerItem(run);
			expect(item.event).toBe('message.received');
			expect(item.format).toBe('classic');
			expect(item.fan.uuid).toBe(act.fanUuid);
			expect(item.fan.handle).toBe(act.payload.sender.handle);
			expect(item.message.text).toBe(text);
			expect(item.message.uuid).toBe(act.payload.messageUuid);
			expect(item.messageUuid).toBe(act.payload.messageUuid);
			expect(item.creatorUuid).toBe(sb.creator.uuid);
			expect(item.eventId).toBe(`message.received:${act.payload.messageUuid}`);
			expect(item.occurredAt).toBe(act.payload.timestamp);
			expect(item.amountCents).toBeNull();
			expect(item.raw).toEqual(act.payload);
			// The item went on to the next node.
			expect(nodeOutput(run, 'No Operation')).toHaveLength(1);
		});

		test('a new subscriber and a tip start one execution each', async () => {
			const before = await executionCount(workflowId);
			const subscribe = await sb.fanActs({ type: 'subscribe', amountCents: 1299 });
			expect(subscribe.deliveries.map((d: any) => d.status)).toEqual([200]);
			const [subRun] = await newExecutions(workflowId, before, 1);
			const sub = triggerItem(subRun);
			expect(sub.event).toBe('subscriber.new');
			expect(sub.amountCents).toBe(1299);
			expect(sub.fan.uuid).toBe(subscribe.fanUuid);
			expect(sub.creatorUuid).toBe(sb.creator.uuid);
			expect(sub.message).toBeNull();
			expect(sub.eventId).toMatch(/^subscriber\.new:[0-9a-f]{64}$/);
			expect(sub.raw).toEqual(subscribe.payload);

			const tip = await sb.fanActs({ type: 'tip', amountCents: 750, context: 'post' });
			expect(tip.deliveries.map((d: any) => d.status)).toEqual([200]);
			const [tipRun] = await newExecutions(workflowId, before + 1, 1);
			const tipItem = triggerItem(tipRun);
			expect(tipItem.event).toBe('tip.received');
			expect(tipItem.amountCents).toBe(750);
			expect(tipItem.context).toBe('post');
			expect(tipItem.postUuid).toBe(tip.payload.postUuid);
			expect(tipItem.fan.uuid).toBe(tip.fanUuid);
			expect(tipItem.eventId).toMatch(/^tip\.received:[0-9a-f]{64}$/);
			expect(tipItem.raw).toEqual(tip.payload);
		});

		test('forged deliveries get 401 and start nothing', async () => {
			const before = await executionCount(workflowId);
			// A genuine-looking Message Received body from a seeded fan.
			const fan = sb.store.fans.find((f: any) => f.status === 'subscriber');
			const payload = messageReceivedPayload(fan, sb.creator.uuid, '11111111-1111-4111-8111-111111111111', 'forged');
			const body = JSON.stringify(payload);
			const json = { 'Content-Type': 'application/json' };
			const t = nowSeconds();

			const cases: Array<[string, string, Record<string, string>]> = [
				['wrong secret', body, { ...json, 'X-Fanvue-Signature': `t=${t},v0=${sign('whsec_not_the_secret', t, body)}` }],
				[
					'body tampered after signing',
					body.replace('forged', 'tampered'),
					{ ...json, 'X-Fanvue-Signature': `t=${t},v0=${sign(MANUAL_SECRET, t, body)}` },
				],
				[
					'stale timestamp (10 minutes old, correctly signed)',
					body,
					{ ...json, 'X-Fanvue-Signature': `t=${t - 600},v0=${sign(MANUAL_SECRET, t - 600, body)}` },
				],
				['no signature header', body, json],
				['malformed header', body, { ...json, 'X-Fanvue-Signature': sign(MANUAL_SECRET, t, body) }],
			];
			const answers: Record<string, { status: number; data: unknown }> = {};
			for (const [name, sent, headers] of cases) {
				const res = await post(url, sent, headers);
				answers[name] = { status: res.status, data: res.data };
			}
			expect(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.status]))).toEqual(
				Object.fromEntries(cases.map(([name]) => [name, 401])),
			);
			expect(answers['wrong secret'].data).toEqual({ error: 'unauthorized', message: 'Invalid signature' });
			expect(answers['stale timestamp (10 minutes old, correctly signed)'].data).toEqual({
				error: 'unauthorized',
				message: 'Signature timestamp outside the allowed window',
			});
			expect(answers['no signature header'].data).toEqual({
				error: 'unauthorized',
				message: 'Missing X-Fanvue-Signature header',
			});

			// The same body, correctly signed now, is accepted: the 401s were about the signatures.
			const good = await post(url, body, { ...json, 'X-Fanvue-Signature': `t=${t},v0=${sign(MANUAL_SECRET, t, body)}` });
			expect(good.status).toBe(200);
			// Answered after the five 401s: its execution is the only new one (none of theirs).
			const [run] = await newExecutions(workflowId, before, 1);
			expect(triggerItem(run).message.text).toBe('forged');
		});

		test('a signed body that is not JSON gets 400; invalid JSON sent as application/json gets n8n\'s 422', async () => {
			const before = await executionCount(workflowId);
			const t = nowSeconds();

			const text = 'this is not json';
			const plain = await post(url, text, {
				'Content-Type': 'text/plain',
				'X-Fanvue-Signature': `t=${t},v0=${sign(MANUAL_SECRET, t, text)}`,
			});
			expect({ status: plain.status, data: plain.data }).toEqual({
				status: 400,
				data: { error: 'bad_request', message: 'The body is not JSON' },
			});

			const array = '[1,2,3]';
			const arrayRes = await post(url, array, {
				'Content-Type': 'application/json',
				'X-Fanvue-Signature': `t=${t},v0=${sign(MANUAL_SECRET, t, array)}`,
			});
			expect({ status: arrayRes.status, data: arrayRes.data }).toEqual({
				status: 400,
				data: { error: 'bad_request', message: 'The body is not a JSON object' },
			});

			// Fanvue always sends application/json; a broken JSON body is refused by n8n's body
			// parser before the node runs (README.md, Fanvue Trigger, documents the 422).
			const broken = '{"message": ';
			const brokenRes = await post(url, broken, {
				'Content-Type': 'application/json',
				'X-Fanvue-Signature': `t=${t},v0=${sign(MANUAL_SECRET, t, broken)}`,
			});
			expect(brokenRes.status).toBe(422);

			await expectOnlyTheControlExecution(workflowId, before);
		});

		test('an event the node does not select (New Follower) gets 200 and starts nothing', async () => {
			const before = await executionCount(workflowId);
			const act = await sb.fanActs({ type: 'follow' });
			expect(act.deliveries).toHaveLength(1);
			expect(act.deliveries[0].status).toBe(200);
			expect(JSON.parse(act.deliveries[0].responseBody)).toEqual({
				received: true,
				ignored: 'event follower.new not selected',
			});
			await expectOnlyTheControlExecution(workflowId, before);
		});

		test("a message written by the creator's own account starts nothing (Ignore Own Messages)", async () => {
			const before = await executionCount(workflowId);
			const act = await sb.fanActs({ type: 'message', asCreator: true, text: 'auto-reply from the creator' });
			expect(act.payload.sender.uuid).toBe(sb.creator.uuid);
			expect(act.deliveries).toHaveLength(1);
			expect(act.deliveries[0].status).toBe(200);
			expect(JSON.parse(act.deliveries[0].responseBody)).toEqual({ received: true, ignored: 'own message' });
			await expectOnlyTheControlExecution(workflowId, before);
		});

		test('a duplicated delivery starts two executions with the same eventId (no de-duplication in the node)', async () => {
			const before = await executionCount(workflowId);
			const act = await sb.fanActs({ type: 'message', duplicate: true, text: 'sent twice' });
			expect(act.deliveries.map((d: any) => d.status)).toEqual([200, 200]);
			const runs = await newExecutions(workflowId, before, 2);
			const items = runs.map(triggerItem);
			expect(items.map((i) => i.event)).toEqual(['message.received', 'message.received']);
			expect(items[0].eventId).toBe(`message.received:${act.payload.messageUuid}`);
			expect(items[1].eventId).toBe(items[0].eventId);
			expect(items[1].message.text).toBe('sent twice');
		});

		test('after unpublishing, deliveries are not received any more', async () => {
			const before = await executionCount(workflowId);
			await instance().rest.unpublishWorkflow(workflowId);
			const act = await sb.fanActs({ type: 'message', text: 'after unpublish' });
			// n8n's answer: the URL is not registered any more, so no workflow was even looked at.
			expect(act.deliveries.map((d: any) => d.status)).toEqual([404]);
			expect(JSON.parse(act.deliveries[0].responseBody).message).toMatch(/not registered/);
			expect(await executionCount(workflowId)).toBe(before);
		});
	});

	// --------------------------------------------------------------- automatic registration

	describe('automatic registration', () => {
		const subscriptionCalls = () =>
			sb.requests().filter((r: any) => r.path.startsWith('/webhooks/subscriptions'));

		test('publish subscribes the URL, deliveries use the subscription secret, unpublish deletes it', async () => {
			const rest = instance().rest;
			sb.clearWebhooks(); // no Developer-Area targets: only the subscription delivers
			sb.clearRequests();
			const credential = await fanvueCredential('Fanvue auto', sb, { scopeGroups: ['webhooks'] });
			// The credential asked for read:creator (the "Webhook Auto-Registration" group).
			const tokenCall = sb.requests().find((r: any) => r.path === '/oauth2/token');
			expect(tokenCall.status).toBe(200);

			const url = triggerUrl(AUTO_WEBHOOK_ID);
			const wf = await rest.importWorkflow(
				triggerWorkflow('e2e trigger automatic', {
					webhookId: AUTO_WEBHOOK_ID,
					registration: 'automatic',
					events: ['message.received', 'tip.received'],
					credential,
				}),
			);
			expect(sb.store.webhookSubscriptions.size).toBe(0);

			await rest.publishWorkflow(wf.id);

			// Exactly one subscription, for this URL and the platform event names.
			const subs = [...sb.store.webhookSubscriptions.values()];
			expect(subs).toHaveLength(1);
			expect(subs[0].url).toBe(url);
			expect([...subs[0].events].sort()).toEqual(['message.received', 'tip.new']);
			expect(subs[0].clientId).toBe(CLIENT_ID);
			const creates = subscriptionCalls().filter((r: any) => r.method === 'POST');
			expect(creates).toHaveLength(1);
			expect(creates[0].status).toBe(201);
			expect(creates[0].body).toEqual({ url, events: ['message.received', 'tip.new'] });

			// The same through Fanvue's API, as any client of this app sees it.
			const token = sb.issueToken().access_token;
			const listed = await axios.get(`${sb.url}/webhooks/subscriptions`, {
				headers: { Authorization: `Bearer ${token}`, 'X-Fanvue-API-Version': sb.apiVersion },
			});
			expect(listed.data.data).toEqual([
				{ uuid: subs[0].uuid, url, events: subs[0].events, createdAt: subs[0].createdAt },
			]);

			// A fan message, delivered through the subscription (signed with its own secret).
			const text = `Through the subscription ${Date.now()}`;
			const act = await sb.fanActs({ type: 'message', text });
			expect(act.deliveries).toHaveLength(1);
			expect(act.deliveries[0].target).toBe(`subscription:${subs[0].uuid}`);
			expect(act.deliveries[0].event).toBe('message.received');
			const expectedV0 = sign(
				subs[0].signingSecret,
				Number(/t=(\d+)/.exec(act.deliveries[0].signatureHeader)![1]),
				act.deliveries[0].body,
			);
			expect(act.deliveries[0].signatureHeader).toContain(`v0=${expectedV0}`);
			expect(act.deliveries[0].status).toBe(200);
			const [run] = await newExecutions(wf.id, 0, 1);
			const item = triggerItem(run);
			expect(item.event).toBe('message.received');
			expect(item.message.text).toBe(text);
			expect(item.fan.uuid).toBe(act.fanUuid);
			expect(item.creatorUuid).toBe(sb.creator.uuid);

			// The credential has no Webhook Signing Secret: only the subscription's secret works.
			const body = JSON.stringify(act.payload);
			const t = nowSeconds();
			const forged = await post(url, body, {
				'Content-Type': 'application/json',
				'X-Fanvue-Signature': `t=${t},v0=${sign(MANUAL_SECRET, t, body)}`,
			});
			expect(forged.status).toBe(401);

			// Unpublish: the subscription is deleted at Fanvue.
			await rest.unpublishWorkflow(wf.id);
			const deletes = subscriptionCalls().filter((r: any) => r.method === 'DELETE');
			expect(deletes.map((r: any) => [r.path, r.status])).toEqual([
				[`/webhooks/subscriptions/${subs[0].uuid}`, 204],
			]);
			expect(sb.store.webhookSubscriptions.size).toBe(0);
			// The sandbox processed the fan act and sent it nowhere (its delivery log has nothing for
			// the URL): there is nothing n8n could start an execution from.
			const after = await sb.fanActs({ type: 'message', text: 'nobody listens' });
			expect(after.deliveries).toEqual([]);
			expect(sb.deliveries().filter((d: any) => d.url === url && d.body.includes('nobody listens'))).toEqual([]);
			expect(await executionCount(wf.id)).toBe(1);
		});

		/**
		 * Publishes, expecting the trigger's activation to fail. In n8n 2.41 POST …/activate
		 * answers 200 at once (publication is asynchronous); the failure then shows in
		 * GET …/publication-status: status "failed", triggers[].errorMessage = the message of the
		 * node's error (its description is not shown anywhere), after n8n's own retries.
		 */
		async function publishExpectingRefusal(workflowId: string): Promise<{ activateStatus: number; errorMessage: string }> {
			const rest = instance().rest;
			const current = await rest.getWorkflow(workflowId);
			const activate = await rest.http.post(`/rest/workflows/${workflowId}/activate`, {
				versionId: current.versionId,
			});
			if (N8N_1X) {
				// n8n 1.x activates synchronously: the trigger's error is the answer to POST …/activate.
				// eslint-disable-next-line no-console
				console.log(`publishing ${workflowId} on n8n 1.x: activate HTTP ${activate.status} ${JSON.stringify(activate.data)}`);
				expect((await rest.getWorkflow(workflowId)).active).toBe(false);
				return { activateStatus: activate.status, errorMessage: String(activate.data?.message) };
			}
			const failure = await rest.waitForPublication(workflowId, current.versionId, 60_000).then(
				(settled) => new Error(`publication did not fail: ${JSON.stringify(settled)}`),
				(error: Error) => error,
			);
			expect(failure.message).toMatch(/^publishing workflow \S+ failed: /);
			const status = await rest.publicationStatus(workflowId);
			expect(status.status).toBe('failed');
			expect(status.liveVersionId).toBeNull();
			expect(status.triggers).toHaveLength(1);
			expect(status.triggers[0].status).toBe('failed');
			const errorMessage = String(status.triggers[0].errorMessage);
			// eslint-disable-next-line no-console
			console.log(`publishing ${workflowId}: activate HTTP ${activate.status}; publication-status: ${JSON.stringify(status)}`);
			return { activateStatus: activate.status, errorMessage };
		}

		test('a credential without read:creator: publishing fails with the manual set-up steps', async () => {
			const rest = instance().rest;
			const credential = await fanvueCredential('Fanvue no read:creator', sb, { scopeGroups: [] });
			const wf = await rest.importWorkflow(
				triggerWorkflow('e2e trigger refused scope', {
					webhookId: REFUSED_WEBHOOK_ID,
					registration: 'automatic',
					events: ['message.received'],
					credential,
				}),
			);
			sb.clearRequests();
			const { activateStatus, errorMessage: said } = await publishExpectingRefusal(wf.id);
			expect(activateStatus).toBe(N8N_1X ? 400 : 200);

			// n8n 2.41 retries a failed trigger activation (TRIGGER_ACTIVATION_MAX_ATTEMPTS = 5,
			// every error but WebhookPathTakenError): each attempt is refused at the listing that
			// comes before subscribing (it needs the same scope), so nothing is ever posted.
			const calls = sb.requests().filter((r: any) => r.path === '/webhooks/subscriptions');
			expect(calls.length).toBeGreaterThanOrEqual(1);
			expect(new Set(calls.map((r: any) => `${r.method} ${r.status}`))).toEqual(new Set(['GET 403']));
			expect(sb.store.webhookSubscriptions.size).toBe(0);

			// n8n 1.x answers a failed activation with the node error's description only (the
			// what-to-do), 2.x shows its message (what Fanvue said).
			if (!N8N_1X) expect(said).toMatch(/Fanvue refused to register the webhook automatically \(HTTP 403\)/);
			expect(said).toContain('read:creator');
			expect(said).toContain('"Registration" to "Manual"');
			expect(said).toContain('Fanvue Developer Area');
			expect(said).toContain('Webhook Signing Secret');

			// n8n 2.41 keeps the workflow marked published (active, activeVersionId set) while
			// nothing is live (publication-status failed, liveVersionId null): the URL is unknown.
			const res = await post(triggerUrl(REFUSED_WEBHOOK_ID), '{}', { 'Content-Type': 'application/json' });
			expect(res.status).toBe(404);
			// Unpublishing it works and has nothing to delete at Fanvue.
			await rest.unpublishWorkflow(wf.id);
			expect((await rest.getWorkflow(wf.id)).active).toBe(false);
			expect(sb.requests().filter((r: any) => r.method === 'DELETE')).toEqual([]);
		});

		/** A Fanvue whose app cannot subscribe through the API (400 on POST /webhooks/subscriptions). */
		async function sandboxWithoutSubscriptionsApi() {
			const sandbox = await startFanvueSandbox({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, webhookSubscriptionsApi: false });
			extraSandboxes.push(sandbox);
			return sandbox;
		}

		test('an app without the subscriptions API (400): publishing fails with the manual set-up steps', async () => {
			const rest = instance().rest;
			const noApi = await sandboxWithoutSubscriptionsApi();
			const credential = await fanvueCredential('Fanvue no subscriptions API', noApi, { scopeGroups: ['webhooks'] });
			const wf = await rest.importWorkflow(
				triggerWorkflow('e2e trigger refused api', {
					webhookId: DISABLED_WEBHOOK_ID,
					registration: 'automatic',
					events: ['message.received', 'subscriber.new'],
					credential,
				}),
			);
			const { errorMessage: said } = await publishExpectingRefusal(wf.id);

			const creates = noApi.requests().filter((r: any) => r.method === 'POST' && r.path === '/webhooks/subscriptions');
			expect(creates.length).toBeGreaterThanOrEqual(1);
			expect(new Set(creates.map((r: any) => r.status))).toEqual(new Set([400]));
			expect(creates[0].body.events).toEqual(['message.received', 'subscription.new']);

			if (!N8N_1X) {
				// n8n 1.x shows the description only, which carries what the node learnt from Fanvue;
				// in 1.x's hook context that is the status, not Fanvue's words ("bad request").
				expect(said).toMatch(/Fanvue refused to register the webhook automatically \(HTTP 400\)/);
				expect(said).toContain('Webhook subscriptions are not available for this app');
			}
			expect(said).toContain('"Registration" to "Manual"');
			expect(said).toContain('Fanvue Developer Area');
			expect(noApi.store.webhookSubscriptions.size).toBe(0);
			expect((await post(triggerUrl(DISABLED_WEBHOOK_ID), '{}', { 'Content-Type': 'application/json' })).status).toBe(404);
			await rest.unpublishWorkflow(wf.id);
			expect(noApi.requests().filter((r: any) => r.method === 'DELETE')).toEqual([]);
		});

		test('the same app with a Webhook Signing Secret in the credential (set up by hand): publishing works as "Manual" and deliveries start the workflow', async () => {
			const rest = instance().rest;
			const noApi = await sandboxWithoutSubscriptionsApi();
			const credential = await fanvueCredential('Fanvue no subscriptions API, secret pasted', noApi, {
				scopeGroups: ['webhooks'],
				webhookSigningSecret: MANUAL_SECRET,
			});
			const wf = await rest.importWorkflow(
				triggerWorkflow('e2e trigger refused api, secret pasted', {
					webhookId: FALLBACK_WEBHOOK_ID,
					registration: 'automatic',
					events: ['message.received'],
					credential,
				}),
			);
			await rest.publishWorkflow(wf.id);
			expect((await rest.getWorkflow(wf.id)).active).toBe(true);
			const creates = noApi.requests().filter((r: any) => r.method === 'POST' && r.path === '/webhooks/subscriptions');
			expect(creates.map((r: any) => r.status)).toEqual([400]);
			expect(noApi.store.webhookSubscriptions.size).toBe(0);

			// The Developer Area's Events tab, filled in by hand with the same secret.
			noApi.configureWebhook({ url: triggerUrl(FALLBACK_WEBHOOK_ID), events: ['Message Received'], signingSecret: MANUAL_SECRET });
			const act = await noApi.fanActs({ type: 'message', text: 'set up by hand' });
			expect(act.deliveries.map((d: any) => d.status)).toEqual([200]);
			const [run] = await newExecutions(wf.id, 0, 1);
			expect(run.outputs['Fanvue Trigger'][0]).toMatchObject({ event: 'message.received', message: { text: 'set up by hand' } });
			// A stranger's delivery is still refused.
			const forged = await post(triggerUrl(FALLBACK_WEBHOOK_ID), '{"messageUuid":"x"}', {
				'Content-Type': 'application/json',
				'X-Fanvue-Signature': `t=${Math.floor(Date.now() / 1000)},v0=${'0'.repeat(64)}`,
			});
			expect(forged.status).toBe(401);
			noApi.clearWebhooks();
			await rest.unpublishWorkflow(wf.id);
		});
	});

	// ------------------------------------------- one subscription after crashes and re-imports

	describe('automatic registration after a crash and re-imports', () => {
		let credential: { id: string; name: string };
		let workflowJson: ReturnType<typeof triggerWorkflow> & { id: string };
		let workflowId: string;
		const url = () => triggerUrl(REIMPORT_WEBHOOK_ID);
		const forUrl = () => [...sb.store.webhookSubscriptions.values()].filter((s: any) => s.url === url());

		beforeAll(async () => {
			sb.clearWebhooks();
			credential = await fanvueCredential('Fanvue re-import', sb, { scopeGroups: ['webhooks'] });
			workflowId = randomWorkflowId();
			workflowJson = {
				id: workflowId,
				...triggerWorkflow('e2e trigger re-import', {
					webhookId: REIMPORT_WEBHOOK_ID,
					registration: 'automatic',
					events: ['message.received'],
					credential,
				}),
			};
		});

		afterAll(async () => {
			if (n8n?.running) await n8n.rest.unpublishWorkflow(workflowId).catch(() => undefined);
		});

		/** A fan message reaches the workflow through the one subscription, signed with the secret n8n holds. */
		async function expectDeliveredOnce(before: number) {
			const act = await sb.fanActs({ type: 'message', text: `after re-import ${Date.now()}` });
			expect(act.deliveries.map((d: any) => [d.target, d.status])).toEqual([[`subscription:${forUrl()[0].uuid}`, 200]]);
			const [run] = await newExecutions(workflowId, before, 1);
			expect(triggerItem(run).message.text).toBe(act.payload.message.text);
		}

		test('a crash between the POST and saving the secret: publishing leaves one subscription', async () => {
			// The POST that reached Fanvue before n8n went down: a subscription for this URL whose
			// secret was never saved.
			const token = sb.issueToken().access_token;
			const orphan = await axios.post(
				`${sb.url}/webhooks/subscriptions`,
				{ url: url(), events: ['message.received'] },
				{ headers: { Authorization: `Bearer ${token}`, 'X-Fanvue-API-Version': sb.apiVersion } },
			);
			expect(orphan.status).toBe(201);
			// n8n 1.x gives an imported workflow an id of its own; 2.x keeps the file's.
			workflowId = (await instance().rest.importWorkflow(workflowJson)).id;
			await instance().rest.publishWorkflow(workflowId);
			expect(forUrl()).toHaveLength(1);
			expect(forUrl()[0].uuid).not.toBe(orphan.data.uuid);
			await expectDeliveredOnce(0);
		});

		// n8n 1.x stops clearing a workflow's webhooks when the node's delete method throws (the
		// URL then stays "already taken"): the trigger's delete logs a failed unsubscribe instead.
		test('deleted while Fanvue failed, re-imported and published, twice: one subscription, deliveries accepted', async () => {
			const rest = instance().rest;
			for (let time = 1; time <= 2; time++) {
				// Unpublished and deleted while Fanvue answers errors: n8n goes on, so the subscription
				// stays at Fanvue while its secret goes with the workflow's static data.
				sb.setFaults({ errorRate: 1 });
				await rest.unpublishWorkflow(workflowId);
				sb.clearFaults();
				await rest.deleteWorkflow(workflowId);
				const leftover = forUrl().map((s: any) => s.uuid);
				expect(leftover).toHaveLength(1);

				// The same file imported again (same webhook id, so the same URL) and published.
				workflowId = (await rest.importWorkflow({ ...workflowJson, id: randomWorkflowId() })).id;
				await rest.publishWorkflow(workflowId);
				expect(forUrl()).toHaveLength(1);
				expect(forUrl()[0].uuid).not.toBe(leftover[0]);
				await expectDeliveredOnce(0);
			}
		});
	});

	// ---------------------------------------------------- Fanvue's rate limit exhausted

	/**
	 * The issue asks that a delivery be answered within 2 s even when the credential's rate limit
	 * is exhausted (an auto-reply burst): Fanvue times slow answers out and delivers again. The
	 * sandbox's bucket refills one request every 10 s (full after 40 s): without the deadline the
	 * trigger would wait for a token and then make its call, or try again after the 429. What the
	 * bound stands for is checked in the sandbox's request log instead of with a clock: during the
	 * delivery the trigger made at most one call, refused with 429, and nothing after it; and the
	 * answer says it did without (not enriched, or 503). Latency is the benchmarks' business.
	 */
	describe("Fanvue's rate limit exhausted", () => {
		let busy: any;
		let credential: { id: string; name: string };

		/** Spends the bucket of this app and user (shared with n8n's credential) with direct API calls. */
		async function exhaustBucket() {
			const token = busy.issueToken().access_token;
			for (let i = 0; i < 20; i++) {
				const res = await axios.get(`${busy.url}/users/me`, {
					headers: { Authorization: `Bearer ${token}`, 'X-Fanvue-API-Version': busy.apiVersion },
					validateStatus: () => true,
				});
				if (res.status === 429) return;
			}
			throw new Error('the sandbox bucket did not run empty');
		}

		/** Posts a signed delivery; resolves with n8n's answer. */
		async function delivery(webhookId: string, payload: unknown) {
			const body = JSON.stringify(payload);
			const t = nowSeconds();
			return await post(triggerUrl(webhookId), body, {
				'Content-Type': 'application/json',
				'X-Fanvue-Signature': `t=${t},v0=${sign(MANUAL_SECRET, t, body)}`,
			});
		}

		/**
		 * The calls n8n made to `path` since the request log was cleared: at most one, refused with
		 * 429 (none when the trigger already knew the bucket was empty). A trigger that waited for
		 * the bucket would show a later call that was served, or a second try.
		 */
		function expectNotWaitedOut(path: string | RegExp) {
			const calls = busy
				.requests()
				.filter((r: any) => (typeof path === 'string' ? r.path === path : path.test(r.path)))
				.map((r: any) => `${r.method} ${r.status}`);
			expect(calls.length).toBeLessThanOrEqual(1);
			expect(calls.filter((call: string) => call !== 'GET 429')).toEqual([]);
		}

		beforeAll(async () => {
			busy = await startFanvueSandbox({
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
				rateLimit: { capacity: 4, windowSeconds: 40 },
				webhookRetry: { attempts: 1, baseDelayMs: 100 },
			});
			extraSandboxes.push(busy);
			credential = await fanvueCredential('Fanvue busy', busy, { scopeGroups: [], webhookSigningSecret: MANUAL_SECRET });
		});

		test('the connected account known: answered without waiting for the bucket, the item says what it could not look up', async () => {
			const rest = instance().rest;
			const wf = await rest.importWorkflow(
				triggerWorkflow('e2e trigger busy', {
					webhookId: BUSY_WEBHOOK_ID,
					registration: 'manual',
					events: ['message.received'],
					credential,
					options: { fetchFullMessage: true },
				}),
			);
			await rest.publishWorkflow(wf.id);
			busy.configureWebhook({ url: triggerUrl(BUSY_WEBHOOK_ID), events: ['Message Received'], signingSecret: MANUAL_SECRET });

			// Publishing, while the bucket had room, taught the trigger who it is connected as (GET /users/me).
			const first = await busy.fanActs({ type: 'message', text: 'before the burst' });
			expect(first.deliveries.map((d: any) => d.status)).toEqual([200]);
			await newExecutions(wf.id, 0, 1);

			await exhaustBucket();
			busy.clearRequests();
			// Fanvue's event that carries only ids: the text would need GET /chats/{fan}/messages.
			const idsOnly = {
				id: `evt_${Date.now()}`,
				type: 'creator.message.received',
				timestamp: new Date().toISOString(),
				data: { messageUuid: first.payload.messageUuid, senderUuid: first.fanUuid, recipientUuid: busy.creator.uuid },
			};
			const res = await delivery(BUSY_WEBHOOK_ID, idsOnly);
			expect(res.status).toBe(200);
			expect(res.data).toEqual({ received: true });
			expectNotWaitedOut(`/chats/${first.fanUuid}/messages`);
			const [run] = await newExecutions(wf.id, 1, 1);
			const item = triggerItem(run);
			expect(item.message).toMatchObject({ uuid: first.payload.messageUuid, text: null });
			expect(item.notEnriched).toEqual(['message']);
			await rest.unpublishWorkflow(wf.id);
			busy.clearWebhooks();
		});

		test('the connected account not known yet: 503 without waiting for the bucket, and no execution; accepted when delivered again', async () => {
			const rest = instance().rest;
			// Another credential for the same Fanvue app and user: nothing remembered about it; and
			// published with the bucket empty, so publishing could not learn it either.
			const cold = await fanvueCredential('Fanvue busy, new', busy, { scopeGroups: [], webhookSigningSecret: MANUAL_SECRET });
			await exhaustBucket();
			const wf = await rest.importWorkflow(
				triggerWorkflow('e2e trigger busy cold', {
					webhookId: BUSY_COLD_WEBHOOK_ID,
					registration: 'manual',
					events: ['message.received'],
					credential: cold,
				}),
			);
			await rest.publishWorkflow(wf.id);
			const fan = busy.store.fans.find((f: any) => f.status === 'subscriber');
			const message = {
				message: { uuid: '22222222-2222-4222-8222-222222222222', text: 'during the burst', hasMedia: false, mediaUuids: [], price: null, createdAt: new Date().toISOString() },
				messageUuid: '22222222-2222-4222-8222-222222222222',
				sender: { uuid: fan.uuid, handle: fan.handle, displayName: fan.displayName, avatarUrl: null },
				recipientUuid: busy.creator.uuid,
				isMuted: false,
				timestamp: new Date().toISOString(),
			};

			busy.clearRequests();
			const res = await delivery(BUSY_COLD_WEBHOOK_ID, message);
			expect(res.status).toBe(503);
			expect(res.data).toMatchObject({ received: false });
			expectNotWaitedOut('/users/me');
			// n8n answered without an execution (the node refused it); the delivery accepted below
			// is then the only execution of this workflow.
			expect(await executionCount(wf.id)).toBe(0);

			// Fanvue delivers it again, every few seconds, until it is accepted: once the bucket has
			// room (the trigger paces itself by what Fanvue answered: full again after up to 40 s).
			busy.resetRateLimits();
			const statuses: number[] = [];
			while (statuses.at(-1) !== 200 && statuses.length < 30) {
				if (statuses.length) await sleep(2000);
				statuses.push((await delivery(BUSY_COLD_WEBHOOK_ID, message)).status);
			}
			expect(new Set(statuses.slice(0, -1))).toEqual(new Set(statuses.length > 1 ? [503] : []));
			expect(statuses.at(-1)).toBe(200);
			const [run] = await newExecutions(wf.id, 0, 1);
			expect(triggerItem(run).message.text).toBe('during the burst');
			await rest.unpublishWorkflow(wf.id);
		});
	});
});
