import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { actingCreatorPath } from '../actingCreatorPath';
import { searchPage } from './searchPage';
import { matches } from './searchText';

interface Fan {
	uuid?: string;
	handle?: string;
	displayName?: string;
	nickname?: string | null;
}

/** The two lists of fans Fanvue has, read one after the other. */
const FAN_LISTS = ['/subscribers', '/followers'];

/**
 * Every fan of the account, chat or not (to start a chat, or ask who bought media): the
 * subscribers, then the followers. The editor's token is `list:page`; Fanvue cannot search
 * these lists, so each page is filtered here by name, handle and nickname.
 */
export async function searchFans(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const [listIndexText, pageText] = (paginationToken ?? '0:1').split(':');
	const listIndex = Number(listIndexText);
	const path = actingCreatorPath.call(this, FAN_LISTS[listIndex]);
	const { records, paginationToken: nextPage } = await searchPage<Fan>(this, path, pageText);
	const results = records
		.filter((fan) => fan.uuid && matches(filter, fan.displayName, fan.handle, fan.nickname))
		.map((fan) => {
			const label = fan.nickname || fan.displayName || fan.handle || fan.uuid!;
			return { name: fan.handle ? `${label} (@${fan.handle})` : label, value: fan.uuid! };
		});
	const next = nextPage ? `${listIndex}:${nextPage}` : listIndex + 1 < FAN_LISTS.length ? `${listIndex + 1}:1` : undefined;
	return { results, paginationToken: next };
}
