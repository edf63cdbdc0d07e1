import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fanvueApiRequest, lookupDeadline } from '../../transport/request';
import { actingCreatorPath } from '../actingCreatorPath';

/** The account's smart lists: which ones exist differs by account, so they are loaded, not hard-coded. */
export async function getSmartLists(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const lists: Array<{ uuid: string; name: string; count?: number }> = await fanvueApiRequest.call(this, {
		method: 'GET',
		path: actingCreatorPath.call(this, '/chats/lists/smart'),
		deadline: lookupDeadline(), // the user waits on it: an error soon beats a long wait
	});
	return (Array.isArray(lists) ? lists : []).map((list) => ({
		name: list.count === undefined ? list.name : `${list.name} (${list.count})`,
		value: list.uuid,
	}));
}
