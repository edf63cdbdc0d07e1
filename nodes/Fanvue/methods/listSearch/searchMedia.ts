import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../transport/constants';
import { fanvueApiRequest, lookupDeadline } from '../../transport/request';
import { actingCreatorPath } from '../actingCreatorPath';
import { matches, pageToken } from './searchText';

interface MediaPage {
	data?: Array<{ uuid?: string; name?: string | null; mediaType?: string; status?: string; createdAt?: string }>;
	pagination?: { hasMore?: boolean };
}

/** The vault's ready media, newest first; Fanvue has no search by name, so the page is filtered here. */
export async function searchMedia(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const qs: IDataObject = { page, size: MAX_PAGE_SIZE, status: 'ready' };
	const response: MediaPage = await fanvueApiRequest.call(this, {
		method: 'GET',
		path: actingCreatorPath.call(this, '/media'),
		qs,
		deadline: lookupDeadline(), // the user waits on it: an error soon beats a long wait
	});
	const results = (response.data ?? [])
		.filter((m) => m.uuid && matches(filter, m.name, m.mediaType))
		.map((m) => ({ name: `${m.name || m.uuid} (${m.mediaType ?? 'media'}${m.createdAt ? `, ${m.createdAt.slice(0, 10)}` : ''})`, value: m.uuid! }));
	return { results, paginationToken: pageToken(page, response.pagination?.hasMore) };
}
