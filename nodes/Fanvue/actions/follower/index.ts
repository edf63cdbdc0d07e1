import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['follower'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the fans who follow the account without a subscription',
				action: 'Get many followers',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
