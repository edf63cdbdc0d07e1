import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';
import * as getMembers from './getMembers.operation';

export { getMany, getMembers };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['smartList'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the smart lists Fanvue keeps for the account, with member counts',
				action: 'Get many smart lists',
			},
			{
				name: 'Get Members',
				value: 'getMembers',
				description: 'List the fans in a smart list',
				action: 'Get members of a smart list',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...getMembers.description,
];
