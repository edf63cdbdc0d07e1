import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteLink from './delete.operation';
import * as getMany from './getMany.operation';

export { create, deleteLink, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['trackingLink'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a tracking link for a social platform', action: 'Create a tracking link' },
			{ name: 'Delete', value: 'delete', description: 'Delete a tracking link', action: 'Delete a tracking link' },
			{ name: 'Get Many', value: 'getMany', description: 'List your tracking links with their clicks', action: 'Get many tracking links' },
		],
		default: 'getMany',
	},
	...getMany.description,
	...create.description,
	...deleteLink.description,
];
