import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dateRangeOptions } from '../../descriptions/dateRange';
import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { listOf, optionalDateRange } from '../../helpers/validation';
import { fanvueApiRequestCursor } from '../../transport/pagination';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['insight'], operation: ['getEarnings'] };

const EARNING_SOURCES = [
	{ name: 'Affiliate', value: 'affiliate' },
	// Fanvue documents "all", the same as no source; kept so that expressions giving it still work.
	{ name: 'All', value: 'all' },
	{ name: 'Giveaway', value: 'giveaway' },
	{ name: 'Media Link', value: 'mediaLink' },
	{ name: 'Message', value: 'message' },
	{ name: 'Post', value: 'post' },
	{ name: 'Referral', value: 'referral' },
	{ name: 'Renewal', value: 'renewal' },
	{ name: 'Subscription', value: 'subscription' },
	{ name: 'Tip', value: 'tip' },
];

export const description: INodeProperties[] = [
	...howManyFields('insight', 'getEarnings'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			...dateRangeOptions,
			{
				displayName: 'Sources',
				name: 'source',
				type: 'multiOptions',
				default: [],
				description: 'Kinds of earnings to include (all when empty)',
				options: EARNING_SOURCES,
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const sources = listOf(filters.source);
	return await fanvueApiRequestCursor.call(
		this,
		{
			path: fanvuePath.call(this, itemIndex, '/insights/earnings', { agencyForm: true }),
			qs: {
				...optionalDateRange(this.getNode(), itemIndex, filters, this.getTimezone()),
				// Fanvue takes the sources comma-separated.
				source: sources.length ? sources.join(',') : undefined,
			},
			...itemRequest.call(this, itemIndex),
		},
		readHowMany.call(this, itemIndex),
		'size',
	);
}
