import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fanvueApiRequestPages } from '../../transport/pagination';
import { actingCreatorPath } from '../actingCreatorPath';

export async function getCustomLists(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const lists = await fanvueApiRequestPages.call(this, { path: actingCreatorPath.call(this, '/chats/lists/custom') }, { returnAll: true });
	return lists.map((list) => ({
		name: list.membersCount === undefined ? String(list.name) : `${String(list.name)} (${String(list.membersCount)})`,
		value: String(list.uuid),
	}));
}
