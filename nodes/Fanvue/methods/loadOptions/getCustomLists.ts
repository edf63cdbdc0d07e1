import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fanvueApiRequestPages } from '../../transport/pagination';
import { lookupDeadline } from '../../transport/request';
import { actingCreatorPath } from '../actingCreatorPath';

export async function getCustomLists(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	// The user waits on it: every page shares one short deadline, an error soon beats a long wait.
	const lists = await fanvueApiRequestPages.call(
		this,
		{ path: actingCreatorPath.call(this, '/chats/lists/custom'), deadline: lookupDeadline() },
		{ returnAll: true },
	);
	return lists.map((list) => ({
		name: list.membersCount === undefined ? String(list.name) : `${String(list.name)} (${String(list.membersCount)})`,
		value: String(list.uuid),
	}));
}
