import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../transport/constants';
import { fanvueApiRequest, lookupDeadline } from '../../transport/request';
import { actingCreatorPath } from '../actingCreatorPath';
import { matches } from './searchText';

interface LinksPage {
	data?: Array<{ uuid?: string; name?: string; linkUrl?: string; externalSocialPlatform?: string }>;
	nextCursor?: string | null;
}

/** Your tracking links (cursor pages), filtered by name or link here. */
export async function searchTrackingLinks(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const qs: IDataObject = { limit: MAX_PAGE_SIZE, cursor: paginationToken };
	const response: LinksPage = await fanvueApiRequest.call(this, {
		method: 'GET',
		path: actingCreatorPath.call(this, '/tracking-links'),
		qs,
		deadline: lookupDeadline(), // the user waits on it: an error soon beats a long wait
	});
	const results = (response.data ?? [])
		.filter((l) => l.uuid && matches(filter, l.name, l.linkUrl))
		.map((l) => ({ name: `${l.name ?? l.uuid} (${l.externalSocialPlatform ?? ''}${l.linkUrl ? `, ${l.linkUrl}` : ''})`, value: l.uuid! }));
	return { results, paginationToken: response.nextCursor ?? undefined };
}
