import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { actingCreatorPath } from '../actingCreatorPath';
import { searchPage } from './searchPage';
import { matches } from './searchText';

interface Media {
	uuid?: string;
	name?: string | null;
	mediaType?: string;
	status?: string;
	createdAt?: string;
}

/** The vault's ready media, newest first; Fanvue has no search by name, so the page is filtered here. */
export async function searchMedia(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const { records, paginationToken: next } = await searchPage<Media>(this, actingCreatorPath.call(this, '/media'), paginationToken, { status: 'ready' });
	const results = records
		.filter((m) => m.uuid && matches(filter, m.name, m.mediaType))
		.map((m) => ({ name: `${m.name || m.uuid} (${m.mediaType ?? 'media'}${m.createdAt ? `, ${m.createdAt.slice(0, 10)}` : ''})`, value: m.uuid! }));
	return { results, paginationToken: next };
}
