import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { credentialKey, fanvueApiRequest } from '../Fanvue/transport/request';
import { credentialSnapshot } from './credentialSnapshot';
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

/**
 * The connected account's uuid: remembered, or read by a call that must settle by `deadline`.
 * Undefined when it is not remembered and cannot be read in time.
 */
export async function ownUserUuid(context: IWebhookFunctions, deadline: number): Promise<string | undefined> {
	const account = (await credentialSnapshot(context)).connectedAccount;
	const key = `${credentialKey(context)}|${account}`;
	const data = staticDataOf(context);
	// Static data from before accounts were recorded counts as the account without an id_token.
	const known = ((data.ownUserAccount ?? '') === account ? data.ownUserUuid : undefined) ?? remembered.get(key);
	if (known) return known;
	try {
		const me = (await fanvueApiRequest.call(context, { method: 'GET', path: '/users/me', deadline })) as IDataObject;
		if (typeof me?.uuid !== 'string') return undefined;
		remembered.set(key, me.uuid);
		data.ownUserUuid = me.uuid;
		data.ownUserAccount = account;
		return me.uuid;
	} catch (error) {
		context.logger.warn(`Fanvue Trigger could not read the connected account (GET /users/me): ${(error as Error).message}`);
		return undefined;
	}
}

/** For tests: forget what this process remembered. */
export function forgetOwnAccounts() {
	remembered.clear();
}
