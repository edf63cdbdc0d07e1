import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { actingCreatorPath } from '../actingCreatorPath';
import { searchPage } from './searchPage';
import { matches } from './searchText';

interface Post {
	uuid?: string;
	text?: string | null;
	publishedAt?: string | null;
	publishAt?: string | null;
	createdAt?: string;
}

/** Your posts, labelled by the start of their text and their date; filtered by text here. */
export async function searchPosts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const path = actingCreatorPath.call(this, '/posts', { agencyForm: false });
	const { records, paginationToken: next } = await searchPage<Post>(this, path, paginationToken);
	const results = records
		.filter((p) => p.uuid && matches(filter, p.text))
		.map((p) => {
			const when = (p.publishedAt ?? p.publishAt ?? p.createdAt ?? '').slice(0, 10);
			const text = (p.text ?? '').slice(0, 50) || '(media only)';
			return { name: when ? `${when}: ${text}` : text, value: p.uuid! };
		});
	return { results, paginationToken: next };
}
