// Automatic registration against the local Fanvue sandbox, whose webhook subscription store is
// the independent model: whatever the trigger asks, the store says which subscriptions exist.
// Activation is run the way n8n runs it: checkExists(), and create() when that says false.
import type { IDataObject } from 'n8n-workflow';

import { WEBHOOK_URL, createTrigger } from './harness';
import type { TriggerHarness } from './harness';
import { resetRateLimitState } from '../../../nodes/Fanvue/transport/rateLimit';
import { unsealSecret } from '../../../nodes/FanvueTrigger/sealedSecret';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../../sandbox');

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
interface StoredSubscription {
	uuid: string;
	url: string;
	events: string[];
	signingSecret: string;
}

const EVENTS = ['message.received', 'tip.received'];

let sb: Sandbox;
beforeEach(async () => {
	resetRateLimitState();
	sb = await startSandbox({ port: 0 });
});
afterEach(async () => {
	await sb?.stop();
});

/** A workflow with the trigger, as imported: static data given, or none (a fresh import). */
function importedTrigger(staticData: IDataObject = {}, baseUrl?: string): TriggerHarness {
	return createTrigger({
		parameters: { registration: 'automatic', events: EVENTS } as never,
		credential: {
			environment: 'custom',
			customApiBaseUrl: sb.url,
			customAuthServerUrl: sb.url,
			clientId: sb.clientId,
			clientSecret: sb.clientSecret,
			oauthTokenData: sb.issueToken(),
		},
		staticData,
		baseUrl,
	});
}

/** What n8n does when it publishes a workflow (ActiveWorkflowManager → createWebhookIfNotExists). */
async function publish(trigger: TriggerHarness): Promise<IDataObject> {
	const hook = trigger.hook();
	const methods = trigger.nodeType.webhookMethods.default;
	if (!(await methods.checkExists.call(hook))) await methods.create.call(hook);
	return JSON.parse(JSON.stringify(trigger.staticData())) as IDataObject; // as n8n saves it
}

const subscriptions = (): StoredSubscription[] => [...sb.store.webhookSubscriptions.values()];

/** A subscription made straight through Fanvue's API with this app's token (not through the trigger). */
async function subscribeDirectly(url: string): Promise<{ uuid: string; signingSecret: string }> {
	const response = await fetch(`${sb.url}/webhooks/subscriptions`, {
		method: 'POST',
		headers: {
			Authorization: `Bearer ${sb.issueToken().access_token}`,
			'X-Fanvue-API-Version': sb.apiVersion,
			'Content-Type': 'application/json',
		},
		body: JSON.stringify({ url, events: ['message.received', 'tip.new'] }),
	});
	expect(response.status).toBe(201);
	return (await response.json()) as { uuid: string; signingSecret: string };
}

/** Exactly one subscription exists for the trigger's URL, and it is the one whose secret the trigger holds. */
function expectOneSubscriptionHeldBy(staticData: IDataObject, url = WEBHOOK_URL) {
	const forUrl = subscriptions().filter((subscription) => subscription.url === url);
	expect(forUrl).toHaveLength(1);
	expect(forUrl[0].uuid).toBe(staticData.subscriptionUuid);
	expect(unsealSecret(staticData.signingSecret as string, sb.clientSecret)).toBe(forUrl[0].signingSecret);
	expect([...forUrl[0].events].sort()).toEqual(['message.received', 'tip.new']);
}

test('re-imported (static data gone) and published twice: one subscription, the one whose secret is held', async () => {
	expectOneSubscriptionHeldBy(await publish(importedTrigger()));
	expectOneSubscriptionHeldBy(await publish(importedTrigger()));
	expectOneSubscriptionHeldBy(await publish(importedTrigger()));
	expect(subscriptions()).toHaveLength(1);
});

test('a crash between the POST and saving its secret: the next publish leaves one subscription', async () => {
	// The POST reached Fanvue, n8n went down before the static data was saved.
	const lost = await subscribeDirectly(WEBHOOK_URL);
	const saved = await publish(importedTrigger());
	expectOneSubscriptionHeldBy(saved);
	expect(saved.subscriptionUuid).not.toBe(lost.uuid);
});

test('stale static data (a crash after an earlier registration): the orphan is deleted, the held one kept', async () => {
	const held = await publish(importedTrigger());
	// A later activation's POST landed but its answer was never saved: the old static data is back.
	const orphan = await subscribeDirectly(WEBHOOK_URL);
	const after = await publish(importedTrigger(held));
	expect(after.subscriptionUuid).toBe(held.subscriptionUuid);
	expectOneSubscriptionHeldBy(after);
	expect(sb.store.webhookSubscriptions.has(orphan.uuid)).toBe(false);
});

test("n8n's URL changed: the subscription for the old URL is deleted, one for the new URL made", async () => {
	const before = await publish(importedTrigger({}, 'http://old-host.test:5678'));
	expect(subscriptions().map((subscription) => subscription.url)).toEqual([before.subscribedUrl]);
	const after = await publish(importedTrigger(before));
	expectOneSubscriptionHeldBy(after);
	expect(subscriptions()).toHaveLength(1);
});

test("other URLs' subscriptions (other workflows) are left alone", async () => {
	const otherUrl = 'https://n8n.example.test/webhook/another-workflow/webhook';
	const other = await subscribeDirectly(otherUrl);
	expectOneSubscriptionHeldBy(await publish(importedTrigger()));
	expectOneSubscriptionHeldBy(await publish(importedTrigger()));
	expect(sb.store.webhookSubscriptions.has(other.uuid)).toBe(true);
	expect(subscriptions()).toHaveLength(2);
});
