import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dateRangeOptions } from '../../descriptions/dateRange';
import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { optionalDateRange } from '../../helpers/validation';
import { fanvueApiRequestPages } from '../../transport/pagination';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['insight'], operation: ['getTopSpenders'] };

export const description: INodeProperties[] = [
	...howManyFields('insight', 'getTopSpenders'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: dateRangeOptions,
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await fanvueApiRequestPages.call(
		this,
		{
			path: fanvuePath.call(this, itemIndex, '/insights/top-spenders', { agencyForm: true }),
			qs: optionalDateRange(this.getNode(), itemIndex, filters, this.getTimezone()),
			...itemRequest.call(this, itemIndex),
		},
		readHowMany.call(this, itemIndex),
	);
}
