import type { INodeProperties } from 'n8n-workflow';

import * as addMembers from './addMembers.operation';
import * as create from './create.operation';
import * as deleteList from './delete.operation';
import * as getMany from './getMany.operation';
import * as getMembers from './getMembers.operation';
import * as removeMember from './removeMember.operation';
import * as rename from './rename.operation';

export { addMembers, create, deleteList, getMany, getMembers, removeMember, rename };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customList'] } },
		options: [
			{
				name: 'Add Members',
				value: 'addMembers',
				description: 'Add up to 100 fans to a custom list; fans already in it are skipped',
				action: 'Add members to a custom list',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a custom list',
				action: 'Create a custom list',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a custom list; the fans in it are not affected',
				action: 'Delete a custom list',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List your custom lists with their member counts',
				action: 'Get many custom lists',
			},
			{
				name: 'Get Members',
				value: 'getMembers',
				description: 'List the fans in a custom list',
				action: 'Get members of a custom list',
			},
			{
				name: 'Remove Member',
				value: 'removeMember',
				description: 'Remove one fan from a custom list',
				action: 'Remove a member from a custom list',
			},
			{
				name: 'Rename',
				value: 'rename',
				description: 'Give a custom list a new name',
				action: 'Rename a custom list',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...create.description,
	...rename.description,
	...deleteList.description,
	...getMembers.description,
	...addMembers.description,
	...removeMember.description,
];
