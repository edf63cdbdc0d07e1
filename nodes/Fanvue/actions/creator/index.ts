import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['creator'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the creators your agency manages',
				action: 'Get many managed creators',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
