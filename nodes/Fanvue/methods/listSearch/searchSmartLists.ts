import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fanvueApiRequest, lookupDeadline } from '../../transport/request';
import { actingCreatorPath } from '../actingCreatorPath';

/** The account's smart lists (one short list, no pages), kept to those whose name matches. */
export async function searchSmartLists(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const lists: Array<{ uuid: string; name: string; count?: number }> = await fanvueApiRequest.call(this, {
		method: 'GET',
		path: actingCreatorPath.call(this, '/chats/lists/smart'),
		deadline: lookupDeadline(), // the user waits on it: an error soon beats a long wait
	});
	const wanted = (filter ?? '').toLowerCase();
	return {
		results: (Array.isArray(lists) ? lists : [])
			.filter((list) => `${list.name} ${list.uuid}`.toLowerCase().includes(wanted))
			.map((list) => ({ name: list.count === undefined ? list.name : `${list.name} (${list.count})`, value: list.uuid })),
	};
}
