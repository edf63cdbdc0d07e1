import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../transport/constants';
import { fanvueApiRequest, lookupDeadline } from '../../transport/request';

interface ChatsPage {
	data?: Array<{ user?: { uuid?: string; handle?: string; displayName?: string; nickname?: string | null } }>;
	pagination?: { hasMore?: boolean };
}

/** Fans to pick from, found through the account's chats (Fanvue's own search by name/handle). */
export async function searchChats(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const qs: IDataObject = { page, size: MAX_PAGE_SIZE, search: filter };
	const response: ChatsPage = await fanvueApiRequest.call(this, {
		method: 'GET',
		path: '/chats',
		qs,
		deadline: lookupDeadline(), // the user waits on it: an error soon beats a long wait
	});
	const results = (response.data ?? [])
		.filter((chat) => chat.user?.uuid)
		.map((chat) => {
			const user = chat.user!;
			const label = user.nickname || user.displayName || user.handle || user.uuid!;
			return { name: user.handle ? `${label} (@${user.handle})` : label, value: user.uuid! };
		});
	return { results, paginationToken: response.pagination?.hasMore ? String(page + 1) : undefined };
}
