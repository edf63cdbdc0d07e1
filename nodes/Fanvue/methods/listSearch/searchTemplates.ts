import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { getTemplates } from '../loadOptions/getTemplates';

/** Templates to pick from, matched on folder and text here: Fanvue filters them by folder only. */
export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const wanted = (filter ?? '').toLowerCase();
	const templates = await getTemplates.call(this);
	return { results: templates.filter((template) => template.name.toLowerCase().includes(wanted)).map(({ name, value }) => ({ name, value: String(value) })) };
}
