import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscriber'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the fans subscribed to the account',
				action: 'Get many subscribers',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
