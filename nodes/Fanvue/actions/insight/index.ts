import type { INodeProperties } from 'n8n-workflow';

import * as getEarnings from './getEarnings.operation';
import * as getFan from './getFan.operation';
import * as getSubscribers from './getSubscribers.operation';
import * as getTopSpenders from './getTopSpenders.operation';

export { getEarnings, getFan, getSubscribers, getTopSpenders };

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
			{
				name: 'Get Fan',
				value: 'getFan',
				description: "One fan's status, spending by source and subscription",
				action: 'Get insights about a fan',
			},
			{
				name: 'Get Subscribers',
				value: 'getSubscribers',
				description: 'New and cancelled subscribers per day, with the running net change',
				action: 'Get subscriber counts',
			},
			{
				name: 'Get Top Spenders',
				value: 'getTopSpenders',
				description: 'The fans who spent the most, with their totals and message counts',
				action: 'Get top spenders',
			},
		],
		default: 'getEarnings',
	},
	...getEarnings.description,
	...getFan.description,
	...getSubscribers.description,
	...getTopSpenders.description,
];
