import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ACT_AS_CREATOR, ACT_AS_MYSELF } from '../descriptions/actAs';
import { agencyPath } from '../transport/agencyPath';
import { requireUuid } from '../helpers/validation';

export interface PathOptions {
	/** Whether Fanvue has this endpoint below `/creators/{creator}` as well. */
	agencyForm: boolean;
}

/** The managed creator chosen under Act As, or undefined when acting as the connected account. */
export function actingCreator(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const actAs = this.getNodeParameter('actAs', itemIndex, ACT_AS_MYSELF) as string;
	if (actAs !== ACT_AS_CREATOR) return undefined;
	return requireUuid(this.getNode(), itemIndex, 'Creator', this.getNodeParameter('creator', itemIndex, '', { extractValue: true }));
}

/** "customList", "getMembers" → "Custom List Get Members": the operation as the editor names it. */
function operationTitle(resource: string, operation: string): string {
	const words = (camel: string) => camel.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
	return `${words(resource)} ${words(operation)}`;
}

/**
 * The path an operation calls: as given when acting as the connected account, Fanvue's
 * `/creators/{creator}` form when acting as a managed creator. An operation Fanvue has no
 * agency form for stops before any request rather than act on the agency's own account.
 */
export function fanvuePath(this: IExecuteFunctions, itemIndex: number, path: string, { agencyForm }: PathOptions): string {
	const creatorUuid = actingCreator.call(this, itemIndex);
	if (creatorUuid === undefined) return path;
	if (!agencyForm) {
		const operation = operationTitle(
			this.getNodeParameter('resource', itemIndex) as string,
			this.getNodeParameter('operation', itemIndex) as string,
		);
		throw new NodeOperationError(this.getNode(), `${operation} has no agency form in Fanvue's API; set Act As to Myself`, {
			itemIndex,
			description:
				'Fanvue offers this operation only for the connected account itself. Connect a credential as the creator to do it for them.',
		});
	}
	return agencyPath(creatorUuid, path);
}
