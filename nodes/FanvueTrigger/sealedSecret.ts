import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * The signing secret of an automatic registration is kept in the workflow's static data, which
 * n8n stores in its database unencrypted (and puts into workflow exports). So it is kept there
 * sealed: AES-256-GCM under a key derived from the credential's client secret, which n8n does
 * encrypt. The database or an export alone no longer reveals a secret that lets anyone forge
 * deliveries.
 */
const PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function keyOf(clientSecret: string): Buffer {
	return createHmac('sha256', clientSecret).update('n8n-nodes-fanvue webhook signing secret').digest();
}

export function sealSecret(secret: string, clientSecret: string): string {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', keyOf(clientSecret), iv);
	const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
	return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/**
 * The secret, or undefined when it cannot be opened: sealed under another client secret (the
 * credential was changed since the trigger registered) or not sealed at all.
 */
export function unsealSecret(stored: string | undefined, clientSecret: string): string | undefined {
	if (!stored?.startsWith(PREFIX) || !clientSecret) return undefined;
	const bytes = Buffer.from(stored.slice(PREFIX.length), 'base64url');
	if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
	try {
		const decipher = createDecipheriv('aes-256-gcm', keyOf(clientSecret), bytes.subarray(0, IV_BYTES));
		decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
		return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
	} catch {
		return undefined;
	}
}

/** Whether a stored secret is sealed (0.1.0 stored it in clear; so does a credential without a client secret). */
export function isSealed(stored: string): boolean {
	return stored.startsWith(PREFIX);
}

/**
 * The secret as stored for a registration: unsealed, or as it is when it was stored in clear.
 * Undefined when it is sealed under another client secret (the credential changed since).
 */
export function openStoredSecret(stored: string | undefined, clientSecret: string): string | undefined {
	if (!stored) return undefined;
	return isSealed(stored) ? unsealSecret(stored, clientSecret) : stored;
}

/** What registration stores: sealed under the client secret, in clear only when there is none to seal under. */
export function storableSecret(secret: string, clientSecret: string): string {
	return clientSecret ? sealSecret(secret, clientSecret) : secret;
}
