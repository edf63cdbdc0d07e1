import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { actingCreatorPath } from '../actingCreatorPath';
import { searchPage } from './searchPage';
import { matches } from './searchText';

interface Folder {
	name?: string;
	mediaCount?: number;
}

/** Your vault folders by name (the value is the name: Fanvue addresses folders by it). */
export async function searchVaultFolders(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const path = actingCreatorPath.call(this, '/vault/folders', { agencyForm: false });
	const { records, paginationToken: next } = await searchPage<Folder>(this, path, paginationToken);
	const results = records
		.filter((f) => f.name && matches(filter, f.name))
		.map((f) => ({ name: f.mediaCount === undefined ? f.name! : `${f.name} (${f.mediaCount})`, value: f.name! }));
	return { results, paginationToken: next };
}
