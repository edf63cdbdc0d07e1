import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SOCIAL_PLATFORM_OPTIONS } from '../../descriptions/trackingLink';
import { requireName, requireOneOf, valuesOf } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['trackingLink'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Instagram bio',
		displayOptions: { show },
	},
	{
		displayName: 'Social Platform',
		name: 'externalSocialPlatform',
		type: 'options',
		options: SOCIAL_PLATFORM_OPTIONS,
		default: 'instagram',
		description: 'Where the link will be shared',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const name = requireName(node, itemIndex, 'Name', this.getNodeParameter('name', itemIndex, ''));
	const externalSocialPlatform = requireOneOf(
		node,
		itemIndex,
		'Social Platform',
		this.getNodeParameter('externalSocialPlatform', itemIndex, ''),
		valuesOf(SOCIAL_PLATFORM_OPTIONS),
	);
	return await fanvueApiRequest.call(this, {
		method: 'POST',
		path: fanvuePath.call(this, itemIndex, '/tracking-links', { agencyForm: true }),
		body: { name, externalSocialPlatform },
		...itemRequest.call(this, itemIndex),
	});
}
