import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';
import * as getUnreadCounts from './getUnreadCounts.operation';
import * as update from './update.operation';

export { getMany, getUnreadCounts, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['chat'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List chats with filters, search and sorting',
				action: 'Get many chats',
			},
			{
				name: 'Get Unread Counts',
				value: 'getUnreadCounts',
				description: 'Count unread chats, unread messages and unread notifications by type',
				action: 'Get unread counts',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Mark a chat read or unread, mute or unmute it, or set the fan's nickname",
				action: 'Update a chat',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...getUnreadCounts.description,
	...update.description,
];
