import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../Fanvue/transport/constants';
import { credentialKey, fanvueApiRequest, lookupDeadline } from '../Fanvue/transport/request';
import { connectedAccountOf, credentialSnapshot } from './credentialSnapshot';
import { staticDataOf } from './registration';

/**
 * The uuid of the Fanvue account the credential is connected as (GET /users/me), for the loop
 * guard. It is read once and remembered, in this process and in the workflow's static data,
 * together with the account it belongs to: the `sub` of the OpenID id_token that Fanvue returns
 * with every connection (n8n keeps it with the tokens; see credentialSnapshot.ts). Reconnecting
 * the same credential to another account changes the `sub`, so the remembered uuid no longer
 * applies and is read again.
 */

/** `${credential}|${account}` → uuid. */
const remembered = new Map<string, string>();
/** Look-ups under way, by credential: deliveries arriving together share one GET /users/me. */
const underWay = new Map<string, Promise<ConnectedAccount | undefined>>();

type AccountContext = IWebhookFunctions | IHookFunctions;

interface ConnectedAccount {
	/** The id_token's `sub` the look-up was made with ('' when there is none). */
	account: string;
	uuid: string;
}

/**
 * GET /users/me, once per credential at a time, with the account read from the credential right
 * before it (not from an older snapshot: the answer must be stored under the account it belongs
 * to, or a credential reconnected meanwhile would file one account's uuid under the other).
 */
async function lookUp(context: AccountContext, deadline?: number): Promise<ConnectedAccount | undefined> {
	const credential = credentialKey(context);
	let pending = underWay.get(credential);
	if (!pending) {
		pending = (async () => {
			const account = connectedAccountOf(await context.getCredentials(CREDENTIAL_TYPE));
			const me = (await fanvueApiRequest.call(context, { method: 'GET', path: '/users/me', deadline })) as IDataObject;
			if (typeof me?.uuid !== 'string') return undefined;
			remembered.set(`${credential}|${account}`, me.uuid);
			return { account, uuid: me.uuid };
		})();
		underWay.set(credential, pending);
		void pending.finally(() => underWay.delete(credential)).catch(() => undefined);
	}
	return await pending;
}

/**
 * The connected account's uuid: remembered, or read by a call that must settle by `deadline`.
 * Undefined when it is not remembered and cannot be read in time.
 */
export async function ownUserUuid(context: IWebhookFunctions, deadline: number): Promise<string | undefined> {
	const account = (await credentialSnapshot(context)).connectedAccount;
	const data = staticDataOf(context);
	// Static data from before accounts were recorded counts as the account without an id_token.
	const known = ((data.ownUserAccount ?? '') === account ? data.ownUserUuid : undefined) ?? remembered.get(`${credentialKey(context)}|${account}`);
	if (known) return known;
	try {
		const found = await lookUp(context, deadline);
		if (found === undefined) return undefined;
		data.ownUserUuid = found.uuid;
		data.ownUserAccount = found.account;
		return found.uuid;
	} catch (error) {
		context.logger.warn(`Fanvue Trigger could not read the connected account (GET /users/me): ${(error as Error).message}`);
		return undefined;
	}
}

/**
 * When the workflow is published: learn the connected account now (into static data, which
 * every n8n process reads with the workflow), so that no delivery has to look it up while Fanvue
 * waits for the answer. Under a burst every delivery of a trigger that does not know it yet would,
 * each within its short budget, and answer 503 when that ran out. Only for a loop guard that is
 * on; best effort: a failure leaves the look-up to the deliveries, as before.
 */
export async function learnOwnAccount(context: IHookFunctions): Promise<void> {
	const events = context.getNodeParameter('events', []) as string[];
	const options = context.getNodeParameter('options', {}) as { ignoreOwnMessages?: boolean };
	if (!events.includes('message.received') || options.ignoreOwnMessages === false) return;
	try {
		const data = staticDataOf(context);
		const account = connectedAccountOf(await context.getCredentials(CREDENTIAL_TYPE));
		if (data.ownUserUuid && (data.ownUserAccount ?? '') === account) return;
		// The same short budget as a delivery's: an empty bucket must not hold the publish up.
		const found = await lookUp(context, lookupDeadline());
		if (found === undefined) return;
		data.ownUserUuid = found.uuid;
		data.ownUserAccount = found.account;
	} catch (error) {
		context.logger.warn(
			`Fanvue Trigger could not read the connected account (GET /users/me) on publish; deliveries will look it up: ${(error as Error).message}`,
		);
	}
}

/** For tests: forget what this process remembered. */
export function forgetOwnAccounts() {
	remembered.clear();
	underWay.clear();
}
