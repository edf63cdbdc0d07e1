import type { INodeProperties } from 'n8n-workflow';

import * as deleteMessage from './delete.operation';
import * as getMany from './getMany.operation';
import * as send from './send.operation';
import * as sendMass from './sendMass.operation';

export { deleteMessage, getMany, send, sendMass };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Unsend a message you sent (not one a fan bought, nor a mass message)',
				action: 'Delete a message',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the messages of a chat, newest first',
				action: 'Get many messages',
			},
			{
				name: 'Send',
				value: 'send',
				description: 'Send a message to a fan, optionally with media, a price or a template',
				action: 'Send a message',
			},
			{
				name: 'Send Mass Message',
				value: 'sendMass',
				description: 'Send one message to everyone in chosen smart and custom lists',
				action: 'Send a mass message',
			},
		],
		default: 'send',
	},
	...deleteMessage.description,
	...getMany.description,
	...send.description,
	...sendMass.description,
];
