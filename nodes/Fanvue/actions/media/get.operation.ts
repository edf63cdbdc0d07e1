import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { anyFanLocator } from '../../descriptions/fan';
import { VARIANT_TYPES, mediaLocator, variantsField } from '../../descriptions/media';
import { allOf, optionalUuid, requireUuid } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['media'], operation: ['get'] };

export const description: INodeProperties[] = [
	{ ...mediaLocator, displayOptions: { show } },
	{ ...variantsField, displayOptions: { show } },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			// Named purchasedBy, as when it was a UUID field, so that saved workflows keep it.
			{ ...anyFanLocator({ displayName: 'Purchased By', name: 'purchasedBy', description: 'Adds purchasedByFan: whether this fan has bought the media' }), required: false },
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const uuid = requireUuid(node, itemIndex, 'Media', this.getNodeParameter('media', itemIndex, '', { extractValue: true }));
	const variants = allOf(node, itemIndex, 'Variants', this.getNodeParameter('variants', itemIndex, []), VARIANT_TYPES);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const purchasedBy = optionalUuid(node, itemIndex, 'Purchased By', options.purchasedBy);
	return await fanvueApiRequest.call(this, {
		method: 'GET',
		path: fanvuePath.call(this, itemIndex, `/media/${uuid}`, { agencyForm: true }),
		qs: { variants: variants.join(','), purchasedBy },
		...itemRequest.call(this, itemIndex),
	});
}
