// What a delivery costs the trigger itself: reading the credential makes n8n decrypt it and
// resolve its expressions (in n8n 2.x, in the expression isolate). The registration's secret is
// stored sealed under the credential's client secret, so the first delivery of a registration
// reads the credential to unseal it; later ones, and a delivery whose signature header is
// unusable, are decided without reading it; only a signature the registration's secret does
// not match falls back to the credential's secret.
import { createHmac } from 'node:crypto';

import { sealSecret } from '../../../nodes/FanvueTrigger/sealedSecret';
import { createTrigger } from './harness';
import { classic } from './fixtures';
import { useNock } from '../../helpers/nock';
import { RunnerCredentialsHelper } from '../../helpers/n8n-runner';

const REGISTERED_SECRET = 'whsec_registered_secret';
const CREDENTIAL_SECRET = 'whsec_credential_secret';
// Each test seals anew: a new sealed form is a registration this process has not unsealed yet.
let SEALED_REGISTERED_SECRET = '';
beforeEach(() => {
	SEALED_REGISTERED_SECRET = sealSecret(REGISTERED_SECRET, 'client-secret');
});

function signed(secret: string, t = Math.floor(Date.now() / 1000)) {
	const rawBody = Buffer.from(JSON.stringify(classic.newFollower), 'utf8');
	const v0 = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex');
	return { rawBody, headers: { 'X-Fanvue-Signature': `t=${t},v0=${v0}`, 'Content-Type': 'application/json' } };
}

const automatic = () =>
	createTrigger({
		parameters: { events: ['follower.new'] } as never,
		credential: { webhookSigningSecret: CREDENTIAL_SECRET },
		// As registration stores it: sealed under the credential's client secret (the harness's 'client-secret').
		staticData: { subscriptionUuid: 'sub-1', signingSecret: SEALED_REGISTERED_SECRET },
	});

useNock();
let credentialReads: jest.SpyInstance;
beforeEach(() => {
	credentialReads = jest.spyOn(RunnerCredentialsHelper.prototype, 'getDecrypted');
});
afterEach(() => jest.restoreAllMocks());

test('deliveries signed with the registration secret: the credential is read once to unseal it, then never again', async () => {
	const trigger = automatic();
	const first = await trigger.deliver(signed(REGISTERED_SECRET));
	expect(first.result.workflowData?.[0][0].json.event).toBe('follower.new');
	expect(credentialReads).toHaveBeenCalledTimes(1);
	credentialReads.mockClear();
	const later = await automatic().deliver(signed(REGISTERED_SECRET));
	expect(later.result.workflowData?.[0][0].json.event).toBe('follower.new');
	expect(credentialReads).not.toHaveBeenCalled();
});

test('a delivery with a stale timestamp is refused without reading the credential', async () => {
	const delivery = await automatic().deliver(signed(REGISTERED_SECRET, Math.floor(Date.now() / 1000) - 3600));
	expect(delivery.status).toBe(401);
	expect(credentialReads).not.toHaveBeenCalled();
});

test("a signature only the credential's secret matches is still accepted (the credential is read then)", async () => {
	const delivery = await automatic().deliver(signed(CREDENTIAL_SECRET));
	expect(delivery.result.workflowData?.[0][0].json.event).toBe('follower.new');
	expect(credentialReads).toHaveBeenCalled();
});
