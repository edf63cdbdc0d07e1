import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { howManyFields, readHowMany } from '../descriptions/howMany';
import { requireSomething } from '../helpers/validation';
import { fanvueApiRequestPages } from '../transport/pagination';
import { actingCreator, fanvuePath } from './fanvuePath';
import { itemRequest } from './itemRequest';

/** One optional text filter, sent as the query parameter of the same name. */
export interface TextFilter {
	displayName: string;
	name: string;
	placeholder: string;
	description: string;
}

export interface PagedList {
	resource: string;
	path: string;
	/** Whether Fanvue has the list below `/creators/{creator}` too (see fanvuePath). */
	agencyForm: boolean;
	/** Fanvue documents the filter only for the connected account's own form of the list. */
	filter?: TextFilter;
}

/**
 * Get Many for the page-style lists that take at most one text filter: subscribers, followers,
 * custom lists, templates and managed creators differ only in path and filter.
 */
export function pagedListOperation({ resource, path, agencyForm, filter }: PagedList) {
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
		const filterValue = filter ? (filters[filter.name] as string | undefined) : undefined;
		if (filter && filterValue) {
			requireSomething(
				this.getNode(),
				itemIndex,
				actingCreator.call(this, itemIndex) === undefined,
				`${filter.displayName} is not available when acting as a managed creator`,
				`Fanvue's agency form of this list takes no ${filter.displayName} filter. Remove it under Filters, or filter the results with an n8n Filter node.`,
			);
		}
		return await fanvueApiRequestPages.call(
			this,
			{
				path: fanvuePath.call(this, itemIndex, path, { agencyForm }),
				qs: filter ? { [filter.name]: filterValue } : undefined,
				...itemRequest.call(this, itemIndex),
			},
			readHowMany.call(this, itemIndex),
		);
	}

	return { description, execute };
}
