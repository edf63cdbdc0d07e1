import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../transport/constants';
import { fanvueApiRequest, lookupDeadline } from '../../transport/request';
import { actingCreatorPath } from '../actingCreatorPath';
import { matches, pageToken } from './searchText';

interface PostsPage {
	data?: Array<{ uuid?: string; text?: string | null; publishedAt?: string | null; publishAt?: string | null; createdAt?: string }>;
	pagination?: { hasMore?: boolean };
}

/** Your posts, labelled by the start of their text and their date; filtered by text here. */
export async function searchPosts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const response: PostsPage = await fanvueApiRequest.call(this, {
		method: 'GET',
		path: actingCreatorPath.call(this, '/posts', { agencyForm: false }),
		qs: { page, size: MAX_PAGE_SIZE },
		deadline: lookupDeadline(), // the user waits on it: an error soon beats a long wait
	});
	const results = (response.data ?? [])
		.filter((p) => p.uuid && matches(filter, p.text))
		.map((p) => {
			const when = (p.publishedAt ?? p.publishAt ?? p.createdAt ?? '').slice(0, 10);
			const text = (p.text ?? '').slice(0, 50) || '(media only)';
			return { name: when ? `${when}: ${text}` : text, value: p.uuid! };
		});
	return { results, paginationToken: pageToken(page, response.pagination?.hasMore) };
}
