import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../transport/constants';
import { fanvueApiRequest, lookupDeadline } from '../../transport/request';
import { pageToken } from './searchText';

interface Page<T> {
	data?: T[];
	pagination?: { hasMore?: boolean };
}

/**
 * One page of a page-style list for a picker: the page the editor's token names, at the largest
 * size, within the look-up deadline (the user waits on it: an error soon beats a long wait).
 * Fanvue cannot search these lists, so the caller filters what comes back.
 */
export async function searchPage<T>(
	context: ILoadOptionsFunctions,
	path: string,
	paginationToken: string | undefined,
	qs: IDataObject = {},
): Promise<{ records: T[]; paginationToken?: string }> {
	const page = Number(paginationToken ?? 1);
	const response: Page<T> = await fanvueApiRequest.call(context, {
		method: 'GET',
		path,
		qs: { page, size: MAX_PAGE_SIZE, ...qs },
		deadline: lookupDeadline(),
	});
	return { records: response.data ?? [], paginationToken: pageToken(page, response.pagination?.hasMore) };
}
