import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	NodeConnectionType,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as chat from './actions/chat';
import * as creator from './actions/creator';
import * as customList from './actions/customList';
import * as follower from './actions/follower';
import * as insight from './actions/insight';
import * as media from './actions/media';
import * as message from './actions/message';
import * as post from './actions/post';
import { router } from './actions/router';
import * as smartList from './actions/smartList';
import * as subscriber from './actions/subscriber';
import * as template from './actions/template';
import * as trackingLink from './actions/trackingLink';
import * as user from './actions/user';
import * as vaultFolder from './actions/vaultFolder';
import { actAsFields } from './descriptions/actAs';
import { listSearch, loadOptions } from './methods';

// One main input and output. Named so that both lint rule sets agree: n8n-nodes-base wants
// ['main'] literals in an inline array, the community plugin wants NodeConnectionTypes.
const mainConnection: NodeConnectionType[] = [NodeConnectionTypes.Main];

/** The node's parameters: what the editor shows, and what the router checks each item against. */
const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Chat', value: 'chat' },
			{ name: 'Creator', value: 'creator' },
			{ name: 'Custom List', value: 'customList' },
			{ name: 'Follower', value: 'follower' },
			{ name: 'Insight', value: 'insight' },
			{ name: 'Media', value: 'media' },
			{ name: 'Message', value: 'message' },
			{ name: 'Post', value: 'post' },
			{ name: 'Smart List', value: 'smartList' },
			{ name: 'Subscriber', value: 'subscriber' },
			{ name: 'Template', value: 'template' },
			{ name: 'Tracking Link', value: 'trackingLink' },
			{ name: 'User', value: 'user' },
			{ name: 'Vault Folder', value: 'vaultFolder' },
		],
		default: 'message',
	},
	...actAsFields,
	...user.description,
	...chat.description,
	...customList.description,
	...smartList.description,
	...message.description,
	...subscriber.description,
	...follower.description,
	...insight.description,
	...template.description,
	...creator.description,
	...media.description,
	...vaultFolder.description,
	...post.description,
	...trackingLink.description,
	{
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Max Rate Limit Wait (Seconds)',
				name: 'maxRateLimitWait',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 120,
				description:
					"How long one request may wait in total for Fanvue's rate limit to refill before the node fails",
			},
		],
	},
];

export class Fanvue implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fanvue',
		name: 'fanvue',
		icon: { light: 'file:fanvue.svg', dark: 'file:fanvue.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Chat with fans, send messages and mass messages, upload media, post, manage custom lists, vault folders and tracking links, and read earnings on Fanvue',
		defaults: { name: 'Fanvue' },
		usableAsTool: true,
		inputs: mainConnection,
		outputs: mainConnection,
		credentials: [{ name: 'fanvueOAuth2Api', required: true }],
		properties,
	};

	methods = {
		listSearch,
		loadOptions,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this, properties);
	}
}
