import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../transport/constants';
import { fanvueApiRequest, lookupDeadline } from '../../transport/request';
import { actingCreatorPath } from '../actingCreatorPath';
import { matches, pageToken } from './searchText';

interface FoldersPage {
	data?: Array<{ name?: string; mediaCount?: number }>;
	pagination?: { hasMore?: boolean };
}

/** Your vault folders by name (the value is the name: Fanvue addresses folders by it). */
export async function searchVaultFolders(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const response: FoldersPage = await fanvueApiRequest.call(this, {
		method: 'GET',
		path: actingCreatorPath.call(this, '/vault/folders', { agencyForm: false }),
		qs: { page, size: MAX_PAGE_SIZE },
		deadline: lookupDeadline(), // the user waits on it: an error soon beats a long wait
	});
	const results = (response.data ?? [])
		.filter((f) => f.name && matches(filter, f.name))
		.map((f) => ({ name: f.mediaCount === undefined ? f.name! : `${f.name} (${f.mediaCount})`, value: f.name! }));
	return { results, paginationToken: pageToken(page, response.pagination?.hasMore) };
}
