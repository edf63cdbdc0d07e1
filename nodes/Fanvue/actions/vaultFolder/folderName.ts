import type { IExecuteFunctions } from 'n8n-workflow';

import { requireName } from '../../helpers/validation';

/** The chosen folder's name, encoded for the path (Fanvue addresses folders by name). */
export function folderPath(this: IExecuteFunctions, itemIndex: number): { name: string; path: string } {
	const name = requireName(this.getNode(), itemIndex, 'Folder', this.getNodeParameter('folder', itemIndex, '', { extractValue: true }));
	return { name, path: `/vault/folders/${encodeURIComponent(name)}` };
}
