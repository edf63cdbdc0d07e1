import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	NodeConnectionType,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { forgetCredentialSnapshot } from './credentialSnapshot';
import { EVENT_OPTIONS } from './events';
import { learnOwnAccount } from './ownAccount';
import { receiveDelivery } from './receive';
import { checkExists, create, remove } from './registration';
import { DEFAULT_TOLERANCE_SECONDS } from './signature';

// One main output, named so that both lint rule sets agree (see Fanvue.node.ts).
const mainConnection: NodeConnectionType[] = [NodeConnectionTypes.Main];

export class FanvueTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fanvue Trigger',
		name: 'fanvueTrigger',
		icon: { light: 'file:fanvue.svg', dark: 'file:fanvue.dark.svg' },
		group: ['trigger'],
		// Both versions behave the same. n8n 2.x treats every webhook node of version 1 as its own
		// legacy Webhook node and resolves `$parameter.options.binaryData` through the expression
		// engine for each delivery (an isolate under the default engine); from version 2 on it
		// does not, so a delivery that is signed with the registration's secret evaluates no
		// expression at all. See benchmarks/README.md (benchmark 3).
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow on Fanvue events: messages, new fans, tips, purchases and checkout payments',
		defaults: { name: 'Fanvue Trigger' },
		inputs: [],
		outputs: mainConnection,
		credentials: [{ name: 'fanvueOAuth2Api', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// n8n answers an accepted delivery once the execution exists. Without responseData it
				// would send the literal text "firstEntryJson"; an empty one makes it send the
				// webhookResponse the trigger returns ({"received":true}).
				responseData: '',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: 'Registration',
				name: 'registration',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Automatic',
						value: 'automatic',
						description:
							"Subscribe this trigger's URL with Fanvue when the workflow is activated, and unsubscribe it when deactivated",
					},
					{
						name: 'Manual',
						value: 'manual',
						description: 'You enter the URL in the Events tab of your app in the Fanvue Developer Area',
					},
				],
				default: 'automatic',
			},
			{
				displayName:
					'On activation the trigger subscribes its URL through the Fanvue API and keeps the signing secret Fanvue returns. This needs "Webhook Auto-Registration" (scope read:creator) ticked in the Fanvue credential. If Fanvue refuses, switch Registration to Manual.',
				name: 'automaticNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['automatic'] } },
			},
			{
				displayName:
					"Copy the Production URL from this node's Webhook URLs panel, paste it in the Events tab of your app in the Fanvue Developer Area, tick the same events there, and copy the signing secret shown there into the \"Webhook Signing Secret\" field of the Fanvue credential. Without that secret every delivery is refused (401).",
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: EVENT_OPTIONS,
				default: [],
				description:
					'Events that start the workflow. Other deliveries to this URL are acknowledged and ignored.',
			},
			{
				displayName: 'Skip Signature Verification (Insecure)',
				name: 'skipSignatureVerification',
				type: 'boolean',
				default: false,
				description:
					'Whether to accept deliveries without checking their X-Fanvue-Signature. Anyone who knows the URL could then start the workflow.',
			},
			{
				displayName:
					'Signature verification is off: anyone who knows this URL can start the workflow with made-up events. Use only for local testing.',
				name: 'insecureNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { skipSignatureVerification: [true] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Fetch Full Message',
						name: 'fetchFullMessage',
						type: 'boolean',
						default: false,
						description:
							"Whether to look up the message text in the chat (without marking it read) when a Message Received event carries only the message's ID",
					},
					{
						displayName: 'Ignore Muted Fans',
						name: 'ignoreMutedFans',
						type: 'boolean',
						default: false,
						description: 'Whether to skip Message Received events from chats the creator has muted',
					},
					{
						displayName: 'Ignore Own Messages',
						name: 'ignoreOwnMessages',
						type: 'boolean',
						default: true,
						description:
							"Whether to skip Message Received events sent by the creator's own account, so an auto-reply cannot trigger itself",
					},
					{
						displayName: 'Signature Tolerance (Seconds)',
						name: 'signatureTolerance',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_TOLERANCE_SECONDS,
						description:
							'How far the signature timestamp may be from the current time, in either direction, before a delivery is refused',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			// n8n calls checkExists on every activation (and create when it says false).
			async checkExists(this: IHookFunctions): Promise<boolean> {
				forgetCredentialSnapshot(this);
				await learnOwnAccount(this);
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
