import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { getCustomLists } from '../loadOptions/getCustomLists';

/**
 * Custom lists to pick from, kept to those whose name matches. An account has few of them and
 * the agency form of the list has no search, so all are read and matched here.
 */
export async function searchCustomLists(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const wanted = (filter ?? '').toLowerCase();
	const lists = await getCustomLists.call(this);
	return { results: lists.filter((list) => list.name.toLowerCase().includes(wanted)).map(({ name, value }) => ({ name, value: String(value) })) };
}
