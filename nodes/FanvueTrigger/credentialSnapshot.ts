import type { ICredentialDataDecryptedObject, IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../Fanvue/transport/constants';
import { credentialKey } from '../Fanvue/transport/request';

/** What a delivery needs from the credential, and nothing more (no token is kept here). */
export interface CredentialSnapshot {
	/** Seals and unseals the secret of an automatic registration (sealedSecret.ts). */
	clientSecret: string;
	/** The signing secret pasted from the Fanvue Developer Area ('' when none). */
	pastedSigningSecret: string;
	/** The connected Fanvue account: the id_token's `sub` ('' when there is none). */
	connectedAccount: string;
}

/**
 * How long a snapshot serves deliveries. Reading a credential makes n8n decrypt it and resolve its
 * expression defaults (OAuth URLs, scopes) in an expression isolate, which costs more than all the
 * rest of a delivery; read per delivery, it would also let anyone posting forged deliveries make n8n
 * pay that per request. So each workflow reads it at most once in this time. An edited credential
 * is seen within it: a delivery signed with a newly pasted secret and refused meanwhile (401) is
 * delivered again by Fanvue, and the loop guard follows a credential reconnected to another
 * account from then on.
 */
export const SNAPSHOT_MAX_AGE_MS = 10_000;

const snapshots = new Map<string, { readAt: number; snapshot: Promise<CredentialSnapshot> }>();

/** The id_token's `sub`; '' when there is none to read (then the credential alone identifies the account). */
export function connectedAccountOf(credentials: ICredentialDataDecryptedObject): string {
	const idToken = (credentials.oauthTokenData as IDataObject | undefined)?.id_token;
	if (typeof idToken !== 'string') return '';
	try {
		const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as IDataObject;
		return typeof claims.sub === 'string' ? claims.sub : '';
	} catch {
		return '';
	}
}

function snapshotOf(credentials: ICredentialDataDecryptedObject): CredentialSnapshot {
	const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
	return {
		clientSecret: typeof credentials.clientSecret === 'string' ? credentials.clientSecret : '',
		pastedSigningSecret: text(credentials.webhookSigningSecret),
		connectedAccount: connectedAccountOf(credentials),
	};
}

/**
 * The trigger's credential as this workflow read it at most SNAPSHOT_MAX_AGE_MS ago; deliveries
 * arriving together share one read. Keyed by workflow as well as credential: a workflow never
 * uses a read that n8n made for another one. A failed read is not kept.
 */
const snapshotKey = (context: IWebhookFunctions | IHookFunctions) => `${context.getWorkflow().id ?? ''}|${credentialKey(context)}`;

export async function credentialSnapshot(context: IWebhookFunctions): Promise<CredentialSnapshot> {
	const key = snapshotKey(context);
	const now = Date.now();
	const held = snapshots.get(key);
	if (held && now - held.readAt < SNAPSHOT_MAX_AGE_MS) return await held.snapshot;
	const snapshot = context.getCredentials(CREDENTIAL_TYPE).then(snapshotOf);
	// Secrets of workflows that are gone are not kept: expired snapshots go when a new one comes.
	for (const [other, { readAt }] of snapshots) if (now - readAt >= SNAPSHOT_MAX_AGE_MS) snapshots.delete(other);
	snapshots.set(key, { readAt: now, snapshot });
	// A failed read is not kept: the next delivery reads again. (The caller still gets the error.)
	snapshot.catch(() => {
		if (snapshots.get(key)?.snapshot === snapshot) snapshots.delete(key);
	});
	return await snapshot;
}

/** The same, read now and not kept: for publishing, which must see the credential as it is. */
export async function currentCredentialSnapshot(context: IHookFunctions): Promise<CredentialSnapshot> {
	return snapshotOf(await context.getCredentials(CREDENTIAL_TYPE));
}

/** On publish: this workflow's next delivery reads the credential as it is now. */
export function forgetCredentialSnapshot(context: IHookFunctions) {
	snapshots.delete(snapshotKey(context));
}

/** For tests: forget every snapshot this process holds. */
export function forgetCredentialSnapshots() {
	snapshots.clear();
}
