import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../transport/constants';
import { fanvueApiRequest, lookupDeadline } from '../../transport/request';

interface Creator {
	uuid?: string;
	handle?: string;
	displayName?: string;
	nickname?: string | null;
}

interface CreatorsPage {
	data?: Creator[];
	pagination?: { hasMore?: boolean };
}

/** An agency manages tens of creators, not thousands: a search may read them all. */
const MAX_SEARCH_PAGES = 20;

function asItem(creator: Creator): INodeListSearchItems {
	const label = creator.nickname || creator.displayName || creator.handle || creator.uuid!;
	return { name: creator.handle ? `${label} (@${creator.handle})` : label, value: creator.uuid! };
}

function matches(creator: Creator, filter: string): boolean {
	const wanted = filter.toLowerCase();
	return [creator.displayName, creator.handle, creator.nickname].some((text) => (text ?? '').toLowerCase().includes(wanted));
}

async function creatorsPage(this: ILoadOptionsFunctions, page: number, deadline: number): Promise<CreatorsPage> {
	return await fanvueApiRequest.call(this, { method: 'GET', path: '/creators', qs: { page, size: MAX_PAGE_SIZE }, deadline });
}

/**
 * The creators the connected agency manages (`GET /creators`). Fanvue has no search parameter
 * there, so a search reads the pages itself and keeps the creators whose name or handle match;
 * without a search the editor pages through them with a token.
 */
export async function searchCreators(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	// The user waits on it: every page shares one short deadline, an error soon beats a long wait.
	const deadline = lookupDeadline();
	if (!filter) {
		const page = Number(paginationToken ?? 1);
		const response = await creatorsPage.call(this, page, deadline);
		return {
			results: (response.data ?? []).filter((creator) => creator.uuid).map(asItem),
			paginationToken: response.pagination?.hasMore ? String(page + 1) : undefined,
		};
	}
	const results: INodeListSearchItems[] = [];
	for (let page = 1; page <= MAX_SEARCH_PAGES; page++) {
		const response = await creatorsPage.call(this, page, deadline);
		results.push(...(response.data ?? []).filter((creator) => creator.uuid && matches(creator, filter)).map(asItem));
		if (!response.pagination?.hasMore || !response.data?.length) break;
	}
	return { results };
}
