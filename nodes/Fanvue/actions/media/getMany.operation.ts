import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { MEDIA_STATUS_OPTIONS, MEDIA_TYPE_OPTIONS, MEDIA_USAGE_OPTIONS, VARIANT_TYPES, variantsField } from '../../descriptions/media';
import { allOf, requireOneOf, requireUuid, valuesOf } from '../../helpers/validation';
import { fanvueApiRequestPages } from '../../transport/pagination';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['media'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	...howManyFields('media', 'getMany'),
	{ ...variantsField, displayOptions: { show } },
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Folder Name',
				name: 'folderName',
				type: 'string',
				default: '',
				description: 'Only media in this vault folder',
			},
			{
				displayName: 'Media Type',
				name: 'mediaType',
				type: 'options',
				options: MEDIA_TYPE_OPTIONS,
				default: 'image',
			},
			{
				displayName: 'Purchased By (Fan UUID)',
				name: 'purchasedBy',
				type: 'string',
				default: '',
				description: 'Adds purchasedByFan to each item: whether this fan has bought it',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				options: MEDIA_STATUS_OPTIONS,
				default: [],
			},
			{
				displayName: 'Usage',
				name: 'usage',
				type: 'options',
				options: MEDIA_USAGE_OPTIONS,
				default: 'subscribers',
				description: 'Only media used this way',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const node = this.getNode();
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const variants = allOf(node, itemIndex, 'Variants', this.getNodeParameter('variants', itemIndex, []), VARIANT_TYPES);
	const status = allOf(node, itemIndex, 'Status', filters.status, valuesOf(MEDIA_STATUS_OPTIONS));
	const usage = filters.usage ? requireOneOf(node, itemIndex, 'Usage', filters.usage, valuesOf(MEDIA_USAGE_OPTIONS)) : undefined;
	const mediaType = filters.mediaType
		? requireOneOf(node, itemIndex, 'Media Type', filters.mediaType, valuesOf(MEDIA_TYPE_OPTIONS))
		: undefined;
	return await fanvueApiRequestPages.call(
		this,
		{
			path: fanvuePath.call(this, itemIndex, '/media', { agencyForm: true }),
			qs: {
				mediaType,
				folderName: filters.folderName as string | undefined,
				usage,
				status: status.join(','),
				variants: variants.join(','),
				purchasedBy: filters.purchasedBy ? requireUuid(node, itemIndex, 'Purchased By (Fan UUID)', filters.purchasedBy) : undefined,
			},
			...itemRequest.call(this, itemIndex),
		},
		readHowMany.call(this, itemIndex),
	);
}
