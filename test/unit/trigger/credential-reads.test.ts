// How often a delivery makes n8n read the trigger's credential. A read makes n8n decrypt it and
// resolve its expression defaults (OAuth URLs, scopes) in the expression isolate: in n8n 2.x more
// than the rest of a delivery costs. Forged deliveries must not be able to make n8n pay that per
// request, so each workflow reads the credential at most once per SNAPSHOT_MAX_AGE_MS, whatever
// comes in; a header that is missing, malformed or stale is refused without reading it at all.
import { createHmac } from 'node:crypto';

import { SNAPSHOT_MAX_AGE_MS, forgetCredentialSnapshots } from '../../../nodes/FanvueTrigger/credentialSnapshot';
import { sealSecret } from '../../../nodes/FanvueTrigger/sealedSecret';
import { clockMovesOn, createTrigger } from './harness';
import { CREATOR, classic } from './fixtures';
import { useNock } from '../../helpers/nock';
import { RunnerCredentialsHelper } from '../../helpers/n8n-runner';

const REGISTERED_SECRET = 'whsec_registered_secret';
const CREDENTIAL_SECRET = 'whsec_credential_secret';

function signed(secret: string, t = Math.floor(Date.now() / 1000), payload: unknown = classic.newFollower) {
	const rawBody = Buffer.from(JSON.stringify(payload), 'utf8');
	const v0 = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex');
	return { rawBody, headers: { 'X-Fanvue-Signature': `t=${t},v0=${v0}`, 'Content-Type': 'application/json' } };
}

const automatic = (pastedSecret = CREDENTIAL_SECRET) =>
	createTrigger({
		parameters: { events: ['follower.new'] } as never,
		credential: { webhookSigningSecret: pastedSecret },
		// As registration stores it: sealed under the credential's client secret (the harness's 'client-secret').
		staticData: { subscriptionUuid: 'sub-1', signingSecret: sealSecret(REGISTERED_SECRET, 'client-secret') },
	});

useNock();
let credentialReads: jest.SpyInstance;
beforeEach(() => {
	forgetCredentialSnapshots();
	credentialReads = jest.spyOn(RunnerCredentialsHelper.prototype, 'getDecrypted');
});
afterEach(() => jest.restoreAllMocks());

test('a flood of forged deliveries among genuine ones: the credential is read once', async () => {
	const trigger = automatic();
	for (let i = 0; i < 5; i++) {
		expect((await trigger.deliver(signed(REGISTERED_SECRET))).result.workflowData?.[0][0].json.event).toBe('follower.new');
		for (let j = 0; j < 10; j++) expect((await trigger.deliver(signed('not-the-secret'))).status).toBe(401);
	}
	expect(credentialReads).toHaveBeenCalledTimes(1);
});

test('deliveries arriving together share one read', async () => {
	const trigger = automatic();
	const answers = await Promise.all(Array.from({ length: 10 }, () => trigger.deliver(signed(REGISTERED_SECRET))));
	expect(answers.map((a) => a.result.workflowData?.[0]).filter(Boolean)).toHaveLength(10);
	expect(credentialReads).toHaveBeenCalledTimes(1);
});

test('a missing, malformed or stale header is refused without reading the credential', async () => {
	const trigger = automatic();
	const { rawBody, headers } = signed(REGISTERED_SECRET);
	expect((await trigger.deliver({ rawBody, headers: { 'Content-Type': headers['Content-Type'] } })).status).toBe(401);
	expect((await trigger.deliver({ rawBody, headers: { ...headers, 'X-Fanvue-Signature': 'v0=abc' } })).status).toBe(401);
	expect((await trigger.deliver(signed(REGISTERED_SECRET, Math.floor(Date.now() / 1000) - 3600))).status).toBe(401);
	expect(credentialReads).not.toHaveBeenCalled();
});

test("a signature only the credential's pasted secret matches is accepted (the Developer Area's Test button)", async () => {
	const delivery = await automatic().deliver(signed(CREDENTIAL_SECRET));
	expect(delivery.result.workflowData?.[0][0].json.event).toBe('follower.new');
});

test('a newly pasted secret is used once the snapshot is older than SNAPSHOT_MAX_AGE_MS', async () => {
	expect((await automatic('whsec_old').deliver(signed('whsec_old'))).result.workflowData?.[0]).toHaveLength(1);
	// The user pastes a new secret: until the snapshot ages out, deliveries signed with it are
	// refused (Fanvue delivers a refused one again)…
	expect((await automatic('whsec_new').deliver(signed('whsec_new'))).status).toBe(401);
	// …and then accepted.
	clockMovesOn(SNAPSHOT_MAX_AGE_MS);
	expect((await automatic('whsec_new').deliver(signed('whsec_new'))).result.workflowData?.[0]).toHaveLength(1);
	expect(credentialReads).toHaveBeenCalledTimes(2);
});

test('Message Received with manual registration (pasted secret, loop guard on): one read for many deliveries', async () => {
	const trigger = createTrigger({
		parameters: { registration: 'manual', events: ['message.received'] } as never,
		credential: { webhookSigningSecret: CREDENTIAL_SECRET },
		staticData: { ownUserUuid: CREATOR },
	});
	for (let i = 0; i < 10; i++) {
		const delivery = await trigger.deliver(signed(CREDENTIAL_SECRET, undefined, classic.messageReceived));
		expect(delivery.result.workflowData?.[0][0].json.event).toBe('message.received');
	}
	expect(credentialReads).toHaveBeenCalledTimes(1);
});

test('a failed read is not kept: the next delivery reads again', async () => {
	credentialReads.mockRejectedValueOnce(new Error('database is not ready'));
	const trigger = automatic();
	await expect(trigger.deliver(signed(REGISTERED_SECRET))).rejects.toThrow('database is not ready');
	expect((await trigger.deliver(signed(REGISTERED_SECRET))).result.workflowData?.[0]).toHaveLength(1);
	expect(credentialReads).toHaveBeenCalledTimes(2);
});
