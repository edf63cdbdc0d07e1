import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { postLocator } from '../../descriptions/post';
import { requireUuid } from '../../helpers/validation';
import { fanvueApiRequestPages } from '../../transport/pagination';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

/**
 * Get Comments, Get Likes and Get Tips of a post differ only in the path's last segment:
 * one page-style list each, of the post's owner only (Fanvue has no agency form of them).
 */
export function postInteractionOperation(operation: string, segment: 'comments' | 'likes' | 'tips') {
	const show = { resource: ['post'], operation: [operation] };
	const description: INodeProperties[] = [{ ...postLocator, displayOptions: { show } }, ...howManyFields('post', operation)];

	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const uuid = requireUuid(this.getNode(), itemIndex, 'Post', this.getNodeParameter('post', itemIndex, '', { extractValue: true }));
		return await fanvueApiRequestPages.call(
			this,
			{ path: fanvuePath.call(this, itemIndex, `/posts/${uuid}/${segment}`, { agencyForm: false }), ...itemRequest.call(this, itemIndex) },
			readHowMany.call(this, itemIndex),
		);
	}

	return { description, execute };
}
