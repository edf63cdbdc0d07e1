import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fanvueApiRequestPages } from '../../transport/pagination';
import { lookupDeadline } from '../../transport/request';
import { actingCreatorPath } from '../actingCreatorPath';

/** Saved message templates, labelled by folder and the start of their text. */
export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	// The user waits on it: every page shares one short deadline, an error soon beats a long wait.
	const templates = await fanvueApiRequestPages.call(
		this,
		{ path: actingCreatorPath.call(this, '/chats/templates', { agencyForm: false }), deadline: lookupDeadline() },
		{ returnAll: true },
	);
	return templates.map((template) => {
		const text = String(template.text ?? '').slice(0, 60) || '(media only)';
		const folder = template.folderName ? `${String(template.folderName)}: ` : '';
		const price = typeof template.price === 'number' ? ` [${template.price} cents]` : '';
		return { name: `${folder}${text}${price}`, value: String(template.uuid) };
	});
}
