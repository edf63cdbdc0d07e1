import type { IDataObject, IHookFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../Fanvue/helpers/asNodeError';
import { fanvueApiRequest } from '../Fanvue/transport/request';
import { currentCredentialSnapshot } from './credentialSnapshot';
import { subscriptionEventsFor } from './events';
import { isSealed, openStoredSecret, storableSecret } from './sealedSecret';

/**
 * Automatic registration through Fanvue's subscriptions API (scope read:creator):
 * POST /webhooks/subscriptions {url, events} → {uuid, url, events, signingSecret, createdAt},
 * GET /webhooks/subscriptions → {data:[{uuid, url, events, createdAt}]},
 * DELETE /webhooks/subscriptions/{uuid} → 204.
 * What the node keeps between activation and deliveries lives in the node's static data.
 */

export const SUBSCRIPTIONS_PATH = '/webhooks/subscriptions';

export interface TriggerStaticData extends IDataObject {
	subscriptionUuid?: string;
	/** Sealed with the credential's client secret (sealedSecret.ts): static data is stored in clear. */
	signingSecret?: string;
	subscribedUrl?: string;
	subscribedEvents?: string[];
	/** The connected account's uuid, for the loop guard (see ownAccount.ts). */
	ownUserUuid?: string;
	/** Which connection ownUserUuid belongs to: the id_token's `sub`. */
	ownUserAccount?: string;
}

export type RegistrationMode = 'automatic' | 'manual';

interface Subscription {
	uuid?: string;
	url?: string;
	events?: string[];
	signingSecret?: string;
	createdAt?: string;
}

export const MANUAL_SETUP_STEPS =
	'Set it up by hand instead: (1) in this node set "Registration" to "Manual"; ' +
	"(2) copy the Production URL from the node's Webhook URLs panel; " +
	'(3) in the Fanvue Developer Area open your app, go to its Events tab, paste the URL and tick the events you want; ' +
	'(4) copy the signing secret shown there into the "Webhook Signing Secret" field of the Fanvue credential; ' +
	'(5) activate the workflow again.';

export const READ_CREATOR_HINT =
	'Automatic registration needs the "read:creator" scope: enable it for your app in the Fanvue Developer Area, ' +
	'tick "Webhook Auto-Registration" under Additional Features in the Fanvue credential, and reconnect the credential.';

export function staticDataOf(context: { getWorkflowStaticData(type: string): IDataObject }): TriggerStaticData {
	return context.getWorkflowStaticData('node') as TriggerStaticData;
}

export function clearSubscription(data: TriggerStaticData) {
	delete data.subscriptionUuid;
	delete data.signingSecret;
	delete data.subscribedUrl;
	delete data.subscribedEvents;
}

/** The HTTP status of an error thrown by fanvueApiRequest (a NodeApiError), if any. */
export function statusOf(error: unknown): number | undefined {
	const code = (error as { httpCode?: unknown } | undefined)?.httpCode;
	const status = Number(code);
	return Number.isFinite(status) && status >= 100 ? status : undefined;
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Short form of the manual way, put into the error message itself: when publishing fails,
 * n8n (2.41) shows only the message of the trigger's error, not its description.
 */
export const MANUAL_SETUP_SHORT =
	'To set the trigger up by hand instead, set its "Registration" to "Manual", add its Production URL in the Events tab ' +
	'of your app in the Fanvue Developer Area, and copy the signing secret shown there into the "Webhook Signing Secret" field of the Fanvue credential.';

/** Fanvue will not subscribe this app through its API (not a passing failure: no retry helps). */
const REFUSAL_STATUSES = [400, 403, 404];

function isRegistrationRefusal(error: unknown): boolean {
	return REFUSAL_STATUSES.includes(statusOf(error) ?? 0);
}

/** 400/403/404 on registration: Fanvue will not subscribe this app; say so and give the manual way. */
export function registrationRefusedError(node: INode, error: unknown, action: string): NodeApiError | NodeOperationError {
	const status = statusOf(error);
	if (!isRegistrationRefusal(error)) return asNodeError(node, error);
	const said = messageOf(error);
	const scopeHint =
		status === 403 ? ' Tick "Webhook Auto-Registration" (scope read:creator) in the Fanvue credential and reconnect it.' : '';
	return new NodeApiError(node, { message: said, httpCode: String(status) } as JsonObject, {
		message: `Fanvue refused to ${action} automatically (HTTP ${status}): ${said.replace(/[.\s]+$/, '')}.${scopeHint} ${MANUAL_SETUP_SHORT}`,
		// n8n 1.x shows only the description of an activation error: it says what Fanvue said too.
		description: `${said.replace(/[.\s]+$/, '')}. ${status === 403 ? `${READ_CREATOR_HINT} Or: ` : ''}${MANUAL_SETUP_STEPS}`,
		httpCode: String(status),
	});
}

function sameEvents(a: string[] | undefined, b: string[]): boolean {
	if (!a) return false;
	const left = [...new Set(a)].sort();
	const right = [...new Set(b)].sort();
	return left.length === right.length && left.every((event, index) => event === right[index]);
}

export function registrationMode(context: IHookFunctions): RegistrationMode {
	return context.getNodeParameter('registration', 'automatic') as RegistrationMode;
}

export function wantedSubscriptionEvents(context: IHookFunctions): string[] {
	return subscriptionEventsFor(context.getNodeParameter('events', []) as string[]);
}

async function deleteSubscription(context: IHookFunctions, uuid: string): Promise<void> {
	try {
		await fanvueApiRequest.call(context, {
			method: 'DELETE',
			path: `${SUBSCRIPTIONS_PATH}/${encodeURIComponent(uuid)}`,
		});
	} catch (error) {
		if (statusOf(error) !== 404) throw asNodeError(context.getNode(), error);
		// Already gone on Fanvue's side: that is what we wanted.
		context.logger.debug(`Fanvue webhook subscription ${uuid} was already deleted`);
	}
}

/** This OAuth client's subscriptions at Fanvue; `action` names what a refusal stops. */
interface SubscriptionsPage {
	data?: Subscription[];
	pagination?: { page?: number; size?: number; hasMore?: boolean };
	nextCursor?: string | null;
}

/** Enough for any app: a subscription that stayed unseen would keep firing with a lost secret. */
const MAX_SUBSCRIPTION_PAGES = 20;

/**
 * Every subscription this app made. Fanvue documents no paging for this list; should it page
 * like its other lists, either style is followed (the next page asked with the size the first
 * one had, since page n starts at (n-1)*size).
 */
async function listSubscriptions(context: IHookFunctions, action: string): Promise<Subscription[]> {
	const all: Subscription[] = [];
	let qs: IDataObject | undefined;
	try {
		for (let page = 1; page <= MAX_SUBSCRIPTION_PAGES; page++) {
			const response: SubscriptionsPage | undefined = await fanvueApiRequest.call(context, { method: 'GET', path: SUBSCRIPTIONS_PATH, qs });
			const data = response?.data ?? [];
			all.push(...data);
			if (data.length === 0) break;
			if (response?.nextCursor) qs = { cursor: response.nextCursor };
			else if (response?.pagination?.hasMore) qs = { page: page + 1, size: response.pagination.size ?? data.length };
			else break;
		}
		return all;
	} catch (error) {
		throw registrationRefusedError(context.getNode(), error, action);
	}
}

async function deleteSubscriptions(context: IHookFunctions, subscriptions: Subscription[]): Promise<void> {
	for (const subscription of subscriptions) {
		if (subscription.uuid) await deleteSubscription(context, subscription.uuid);
	}
}

/**
 * True when the subscription in static data still exists on Fanvue with this URL and these
 * events; any other subscription for this URL is then deleted (nobody holds its secret, so its
 * deliveries could only be refused). Otherwise false, and n8n calls create(), which cleans up.
 */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	if (registrationMode(this) === 'manual') return true;
	const data = staticDataOf(this);
	if (!data.subscriptionUuid || !data.signingSecret) return false;
	// A secret sealed under another client secret cannot verify anything: register again. One
	// stored in clear (by 0.1.0) is sealed now, in place.
	const { clientSecret, pastedSigningSecret } = await currentCredentialSnapshot(this);
	const secret = openStoredSecret(data.signingSecret, clientSecret);
	if (secret === undefined) return false;
	const url = this.getNodeWebhookUrl('default');
	let subscriptions: Subscription[];
	try {
		subscriptions = await listSubscriptions(this, 'list webhook subscriptions');
	} catch (error) {
		// Fanvue no longer subscribes this app: create() decides (a pasted secret: work as manual).
		if (isRegistrationRefusal(error) && pastedSigningSecret !== '') return false;
		throw asNodeError(this.getNode(), error);
	}
	const stored = subscriptions.find((subscription) => subscription.uuid === data.subscriptionUuid);
	if (!stored || stored.url !== url || !sameEvents(stored.events ?? data.subscribedEvents, wantedSubscriptionEvents(this))) {
		return false;
	}
	await deleteSubscriptions(
		this,
		subscriptions.filter((subscription) => subscription.url === url && subscription !== stored),
	);
	if (!isSealed(data.signingSecret)) data.signingSecret = storableSecret(secret, clientSecret);
	return true;
}

/**
 * Subscribes this trigger's URL. Fanvue shows a subscription's signing secret only in the answer
 * that creates it, so a subscription whose secret was not kept cannot be reused: every one for
 * this URL (left by a re-import, lost static data, or a crash between the POST and saving its
 * secret) and the one last stored (its URL or events may have changed) is deleted first.
 *
 * When Fanvue will not subscribe this app (400/403/404) and the credential holds a Webhook Signing
 * Secret, the trigger takes it that the webhook was set up by hand: it works as with Registration
 * "Manual" (deliveries verified with that secret only) and says so in n8n's log, instead of
 * refusing to publish. A subscription it stored earlier is forgotten, its secret no longer
 * trusted: if it still fires next to the hand-made webhook, each event would come twice. Without
 * a pasted secret, publishing fails with the manual steps.
 */
export async function create(this: IHookFunctions): Promise<boolean> {
	if (registrationMode(this) === 'manual') return true;
	try {
		await subscribe(this);
	} catch (error) {
		if (!isRegistrationRefusal(error) || (await currentCredentialSnapshot(this)).pastedSigningSecret === '') throw asNodeError(this.getNode(), error);
		const data = staticDataOf(this);
		const forgotten = data.subscriptionUuid;
		clearSubscription(data);
		const workflow = this.getWorkflow();
		this.logger.warn(
			`Fanvue Trigger "${this.getNode().name}" of workflow "${workflow.name ?? ''}" (${workflow.id}), ${this.getNodeWebhookUrl('default')}: ` +
				`${(error as Error).message.replace(` ${MANUAL_SETUP_SHORT}`, '')} ` +
				'The Fanvue credential has a Webhook Signing Secret, so the trigger takes deliveries of a webhook set up by hand in the Fanvue Developer Area, as with Registration "Manual". ' +
				'Set its Registration to "Manual" to say so (this is checked again at every start).' +
				(forgotten ? ` Delete the subscription ${forgotten} it made earlier in the Developer Area if it is still there: its deliveries are refused now.` : ''),
		);
	}
	return true;
}

async function subscribe(context: IHookFunctions): Promise<void> {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n did not provide a webhook URL for this trigger');
	const events = wantedSubscriptionEvents(context);
	if (events.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Select at least one event', {
			description: 'The trigger subscribes only to the events chosen under "Events".',
		});
	}

	const data = staticDataOf(context);
	const replaced = (await listSubscriptions(context, 'register the webhook')).filter(
		(subscription) => subscription.url === url || (!!data.subscriptionUuid && subscription.uuid === data.subscriptionUuid),
	);
	await deleteSubscriptions(context, replaced);
	clearSubscription(data);

	let created: Subscription;
	try {
		created = await fanvueApiRequest.call(context, {
			method: 'POST',
			path: SUBSCRIPTIONS_PATH,
			body: { url, events },
		});
	} catch (error) {
		throw registrationRefusedError(context.getNode(), error, 'register the webhook');
	}
	if (!created?.uuid || !created.signingSecret) {
		throw new NodeOperationError(context.getNode(), 'Fanvue registered the webhook but returned no signing secret', {
			description: `Deliveries could not be verified, so the trigger will not use this subscription. ${MANUAL_SETUP_STEPS}`,
		});
	}
	data.subscriptionUuid = created.uuid;
	data.signingSecret = storableSecret(created.signingSecret, (await currentCredentialSnapshot(context)).clientSecret);
	data.subscribedUrl = created.url ?? url;
	data.subscribedEvents = created.events ?? events;
}

/** Removes the subscription this node made, whatever the mode is now (it may have been switched). */
/**
 * Unsubscribes. A failure is logged, not thrown: n8n 1.x stops clearing the workflow's webhooks
 * when this throws, and the URL then stays "already taken" after the workflow is gone. The
 * subscription stays in static data, and the next create() deletes it with any other one for
 * this URL, so nothing is left firing once the trigger is published again.
 */
export async function remove(this: IHookFunctions): Promise<boolean> {
	const data = staticDataOf(this);
	if (data.subscriptionUuid) {
		try {
			await deleteSubscription(this, data.subscriptionUuid);
		} catch (error) {
			this.logger.warn(
				`Fanvue Trigger could not delete its webhook subscription ${data.subscriptionUuid} at Fanvue (${(error as Error).message}). It is deleted when the workflow is published again; or delete it in the Fanvue Developer Area.`,
			);
			return true;
		}
	}
	clearSubscription(data);
	return true;
}
