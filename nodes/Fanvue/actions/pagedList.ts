import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { howManyFields, readHowMany } from '../descriptions/howMany';
import { fanvueApiRequestPages } from '../transport/pagination';
import { itemRequest } from './itemRequest';

/** One optional text filter, sent as the query parameter of the same name. */
export interface TextFilter {
	displayName: string;
	name: string;
	placeholder: string;
	description: string;
}

/**
 * Get Many for the page-style lists that take at most one text filter: subscribers, followers,
 * custom lists and templates differ only in path and filter.
 */
export function pagedListOperation(resource: string, path: string, filter?: TextFilter) {
	const description: INodeProperties[] = [...howManyFields(resource, 'getMany')];
	if (filter) {
		description.push({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show: { resource: [resource], operation: ['getMany'] } },
			options: [{ ...filter, type: 'string', default: '' }],
		});
	}

	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const filters = filter ? (this.getNodeParameter('filters', itemIndex, {}) as IDataObject) : {};
		return await fanvueApiRequestPages.call(
			this,
			{
				path,
				qs: filter ? { [filter.name]: filters[filter.name] as string | undefined } : undefined,
				...itemRequest.call(this, itemIndex),
			},
			readHowMany.call(this, itemIndex),
		);
	}

	return { description, execute };
}
