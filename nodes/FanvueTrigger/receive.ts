import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { fanvueApiRequest, lookupDeadline } from '../Fanvue/transport/request';
import type { CredentialSnapshot } from './credentialSnapshot';
import { credentialSnapshot } from './credentialSnapshot';
import type { NormalizedEvent } from './normalize';
import { detectEvent, isOwnMessage, mergeFetchedMessage, needsFullMessage, normalizeEvent } from './normalize';
import { ownUserUuid } from './ownAccount';
import type { RegistrationMode } from './registration';
import { staticDataOf } from './registration';
import { openStoredSecret } from './sealedSecret';
import type { SignatureCheck } from './signature';
import {
	DEFAULT_TOLERANCE_SECONDS,
	SIGNATURE_HEADER,
	describeSignatureFailure,
	usableSignatureHeader,
	verifySignature,
} from './signature';

/**
 * Fanvue's events are a few kilobytes (a message is at most 5,000 characters): a larger body is
 * refused before its signature is computed, so strangers cannot make n8n hash megabytes.
 */
export const MAX_DELIVERY_BYTES = 1024 * 1024;

/** Fanvue sends JSON; a delivery declaring another type is not Fanvue's, whatever its body. */
function declaresOtherThanJson(contentType: unknown): boolean {
	if (typeof contentType !== 'string' || contentType.trim() === '') return false;
	const mediaType = contentType.split(';')[0].trim().toLowerCase();
	return mediaType !== 'application/json' && !mediaType.endsWith('+json');
}

interface TriggerOptions {
	ignoreOwnMessages?: boolean;
	ignoreMutedFans?: boolean;
	fetchFullMessage?: boolean;
	signatureTolerance?: number;
}

/** Answers with a status and a small JSON body; n8n sends nothing else and starts no execution. */
function answer(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	const res = context.getResponseObject();
	res.status(status).json(body);
	return { noWebhookResponse: true };
}

async function rawBodyOf(context: IWebhookFunctions): Promise<Buffer> {
	const req = context.getRequestObject();
	if (!Buffer.isBuffer(req.rawBody) && typeof req.readRawBody === 'function') await req.readRawBody();
	const raw: unknown = req.rawBody;
	if (Buffer.isBuffer(raw)) return raw;
	if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
	return Buffer.alloc(0);
}

/**
 * The secrets a delivery may be signed with: the automatic registration's (kept sealed under the
 * client secret, or in clear as 0.1.0 stored it: sealed at the next publish) and the one pasted
 * into the credential (manual registration, or the Developer Area's Test button).
 */
function signingSecrets(context: IWebhookFunctions, credential: CredentialSnapshot): string[] {
	const mode = context.getNodeParameter('registration', 'automatic') as RegistrationMode;
	const stored = mode === 'automatic' ? staticDataOf(context).signingSecret : undefined;
	const registered = stored ? openStoredSecret(stored, credential.clientSecret) : undefined;
	return [registered, credential.pastedSigningSecret].filter((secret): secret is string => Boolean(secret));
}

/**
 * A header that is missing, malformed or outside the time window is refused before the
 * credential is looked at; the rest is checked against every secret (see credentialSnapshot.ts
 * for why the credential is not read per delivery).
 */
async function checkSignature(context: IWebhookFunctions, rawBody: Buffer, toleranceSeconds: number): Promise<SignatureCheck> {
	const header = context.getHeaderData()[SIGNATURE_HEADER] as string | string[] | undefined;
	const usable = usableSignatureHeader({ header, toleranceSeconds });
	if ('reason' in usable) return { valid: false, reason: usable.reason };
	const secrets = signingSecrets(context, await credentialSnapshot(context));
	return verifySignature({ header, rawBody, secrets, toleranceSeconds });
}

/**
 * The loop guard: whether the creator (sender = recipient) or the connected account wrote the
 * message; 'unknown' when the connected account is not known and cannot be read in time.
 */
async function writtenByConnectedAccount(
	context: IWebhookFunctions,
	item: NormalizedEvent,
	deadline: number,
): Promise<boolean | 'unknown'> {
	if (isOwnMessage(item)) return true;
	if (item.fan === null) return false;
	const own = await ownUserUuid(context, deadline);
	return own === undefined ? 'unknown' : isOwnMessage(item, [own]);
}

/** The item with the message text looked up; when that fails, as it came, saying so in notEnriched. */
async function withFullMessage(context: IWebhookFunctions, item: NormalizedEvent, deadline: number): Promise<NormalizedEvent> {
	const fanUuid = (item.fan as { uuid: string }).uuid;
	const notEnriched = { ...item, notEnriched: [...item.notEnriched, 'message'] };
	let response: { data?: IDataObject[] };
	try {
		response = (await fanvueApiRequest.call(context, {
			method: 'GET',
			path: `/chats/${encodeURIComponent(fanUuid)}/messages`,
			qs: { markAsRead: false, page: 1, size: 50 },
			deadline,
		})) as { data?: IDataObject[] };
	} catch (error) {
		// The delivery was genuine: emit it with the ids it carried rather than lose it.
		context.logger.warn(`Fanvue Trigger could not fetch message ${item.message?.uuid}: ${(error as Error).message}`);
		return notEnriched;
	}
	const found = (response?.data ?? []).find((message) => message.uuid === item.message?.uuid);
	return found ? mergeFetchedMessage(item, found) : notEnriched;
}

export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	// Fanvue waits for the answer: every API call below shares one short deadline.
	const deadline = lookupDeadline();
	const rawBody = await rawBodyOf(this);
	if (rawBody.length > MAX_DELIVERY_BYTES) {
		return answer(this, 413, { error: 'payload_too_large', message: `A Fanvue delivery is at most ${MAX_DELIVERY_BYTES} bytes` });
	}
	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const skipVerification = this.getNodeParameter('skipSignatureVerification', false) as boolean;

	if (!skipVerification) {
		const check = await checkSignature(this, rawBody, options.signatureTolerance ?? DEFAULT_TOLERANCE_SECONDS);
		if (!check.valid) {
			if (check.reason === 'no_secret') {
				const mode = this.getNodeParameter('registration', 'automatic') as RegistrationMode;
				this.logger.warn(
					mode === 'automatic'
						? "Fanvue Trigger refused a delivery: the secret of its automatic registration is gone (for example after the workflow was imported again from the command line) or cannot be read (the credential's client secret changed since). Unpublish the workflow and publish it again to register afresh."
						: 'Fanvue Trigger refused a delivery: no signing secret. Paste the secret from the Fanvue Developer Area into the credential, or use automatic registration.',
				);
			}
			return answer(this, 401, { error: 'unauthorized', message: describeSignatureFailure(check.reason) });
		}
	}

	let payload: unknown;
	try {
		payload = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return answer(this, 400, { error: 'bad_request', message: 'The body is not JSON' });
	}
	if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
		return answer(this, 400, { error: 'bad_request', message: 'The body is not a JSON object' });
	}
	if (declaresOtherThanJson(this.getHeaderData()['content-type'])) {
		return answer(this, 400, { error: 'bad_request', message: 'Fanvue deliveries are sent as application/json' });
	}

	const detected = detectEvent(payload as IDataObject);
	const selected = this.getNodeParameter('events', []) as string[];
	if (!detected.event) {
		return answer(this, 200, { received: true, ignored: 'unrecognized event' });
	}
	if (!selected.includes(detected.event)) {
		return answer(this, 200, { received: true, ignored: `event ${detected.event} not selected` });
	}

	let item = normalizeEvent(payload as IDataObject, { ...detected, event: detected.event });

	if (item.event === 'message.received') {
		if (options.ignoreMutedFans === true && item.isMuted === true) {
			return answer(this, 200, { received: true, ignored: 'muted fan' });
		}
		if (options.ignoreOwnMessages !== false) {
			const own = await writtenByConnectedAccount(this, item, deadline);
			if (own === 'unknown') {
				// Fail safe: emitting could answer the account's own message (an auto-reply loop),
				// dropping would lose a fan's message. A non-2xx answer makes Fanvue deliver it again.
				return answer(this, 503, {
					received: false,
					message: 'Could not check in time whether the connected Fanvue account wrote this message; deliver it again later',
				});
			}
			if (own) return answer(this, 200, { received: true, ignored: 'own message' });
		}
		if (options.fetchFullMessage === true && needsFullMessage(item)) {
			item = await withFullMessage(this, item, deadline);
		}
	}

	const workflowData: INodeExecutionData[][] = [this.helpers.returnJsonArray([item])];
	return { workflowData, webhookResponse: { received: true } };
}
