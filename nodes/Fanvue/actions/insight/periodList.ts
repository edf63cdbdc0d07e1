import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dateRangeOptions } from '../../descriptions/dateRange';
import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { optionalDateRange } from '../../helpers/validation';
import { fanvueApiRequestCursor, fanvueApiRequestPages } from '../../transport/pagination';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

export interface PeriodList {
	operation: string;
	path: string;
	/** How Fanvue pages the list: `page`/`size`, or `cursor`/`size`. */
	paging: 'page' | 'cursor';
}

/**
 * Get for the insights that are a list over an optional period (From / Until) and nothing
 * else: subscriber counts and top spenders differ only in path and paging.
 */
export function periodListOperation({ operation, path, paging }: PeriodList) {
	const description: INodeProperties[] = [
		...howManyFields('insight', operation),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show: { resource: ['insight'], operation: [operation] } },
			options: dateRangeOptions,
		},
	];

	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const request = {
			path: fanvuePath.call(this, itemIndex, path, { agencyForm: true }),
			qs: optionalDateRange(this.getNode(), itemIndex, filters, this.getTimezone()),
			...itemRequest.call(this, itemIndex),
		};
		const howMany = readHowMany.call(this, itemIndex);
		return paging === 'cursor'
			? await fanvueApiRequestCursor.call(this, request, howMany, 'size')
			: await fanvueApiRequestPages.call(this, request, howMany);
	}

	return { description, execute };
}
