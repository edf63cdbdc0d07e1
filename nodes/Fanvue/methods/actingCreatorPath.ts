import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ACT_AS_CREATOR } from '../descriptions/actAs';
import { UUID_PATTERN } from '../helpers/validation';
import { agencyPath } from '../transport/agencyPath';

const UUID = new RegExp(UUID_PATTERN);

/**
 * What a picker in the editor loads follows Act As, like the operations do (see fanvuePath):
 * a managed creator's lists and chats come from Fanvue's `/creators/{creator}` form of the
 * endpoint, and a picker Fanvue has no agency form for says so instead of showing the agency's own.
 */
export function actingCreatorPath(this: ILoadOptionsFunctions, path: string, { agencyForm = true } = {}): string {
	if (this.getCurrentNodeParameter('actAs') !== ACT_AS_CREATOR) return path;
	if (!agencyForm) {
		throw new NodeOperationError(this.getNode(), "Fanvue's API cannot list this for a managed creator", {
			description: 'Give the UUID with an expression instead.',
		});
	}
	const creator = String(this.getCurrentNodeParameter('creator', { extractValue: true }) ?? '').trim();
	if (!UUID.test(creator)) {
		throw new NodeOperationError(this.getNode(), 'Choose the creator under Act As first', {
			description: 'The list shows what the managed creator has, so it needs the creator.',
		});
	}
	return agencyPath(creator, path);
}
