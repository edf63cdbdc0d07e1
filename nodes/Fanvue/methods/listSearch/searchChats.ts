import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../transport/constants';
import { fanvueApiRequest, lookupDeadline } from '../../transport/request';
import { actingCreatorPath } from '../actingCreatorPath';

interface ChatsPage {
	data?: Array<{ user?: { uuid?: string; handle?: string; displayName?: string; nickname?: string | null } }>;
	pagination?: { hasMore?: boolean };
}

/**
 * Fans to pick from, found through the account's chats (Fanvue's own search by name/handle).
 * A managed creator's chats (Fanvue's agency form) take no search: the page is filtered here.
 */
export async function searchChats(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const path = actingCreatorPath.call(this, '/chats');
	const searchHere = path !== '/chats' && filter ? filter.toLowerCase() : undefined;
	const qs: IDataObject = { page, size: MAX_PAGE_SIZE, search: searchHere === undefined ? filter : undefined };
	const response: ChatsPage = await fanvueApiRequest.call(this, {
		method: 'GET',
		path,
		qs,
		deadline: lookupDeadline(), // the user waits on it: an error soon beats a long wait
	});
	const matches = (user: NonNullable<ChatsPage['data']>[number]['user']) =>
		searchHere === undefined ||
		[user?.displayName, user?.handle, user?.nickname].some((text) => (text ?? '').toLowerCase().includes(searchHere));
	const results = (response.data ?? [])
		.filter((chat) => chat.user?.uuid && matches(chat.user))
		.map((chat) => {
			const user = chat.user!;
			const label = user.nickname || user.displayName || user.handle || user.uuid!;
			return { name: user.handle ? `${label} (@${user.handle})` : label, value: user.uuid! };
		});
	return { results, paginationToken: response.pagination?.hasMore ? String(page + 1) : undefined };
}
