import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getMany from './getMany.operation';
import * as getOnlineStatuses from './getOnlineStatuses.operation';
import * as getUnreadCounts from './getUnreadCounts.operation';
import * as update from './update.operation';

export { create, getMany, getOnlineStatuses, getUnreadCounts, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['chat'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Start a chat with a fan',
				action: 'Create a chat',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List chats with filters, search and sorting',
				action: 'Get many chats',
			},
			{
				name: 'Get Online Statuses',
				value: 'getOnlineStatuses',
				description: 'Whether up to 100 fans are online, and when they were last seen',
				action: 'Get online statuses',
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
	...create.description,
	...getMany.description,
	...getOnlineStatuses.description,
	...getUnreadCounts.description,
	...update.description,
];
