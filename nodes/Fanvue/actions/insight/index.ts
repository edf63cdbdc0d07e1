import type { INodeProperties } from 'n8n-workflow';

import * as getEarnings from './getEarnings.operation';

export { getEarnings };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['insight'] } },
		options: [
			{
				name: 'Get Earnings',
				value: 'getEarnings',
				description: 'List payments with the fan who made each one (needs the Insights feature)',
				action: 'Get earnings',
			},
		],
		default: 'getEarnings',
	},
	...getEarnings.description,
];
