import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { MEDIA_TYPE_OPTIONS, variantsField } from '../../descriptions/media';
import { allOf, requireOneOf, requireUuid } from '../../helpers/validation';
import { fanvueApiRequestPages } from '../../transport/pagination';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';
import { MEDIA_STATUSES, MEDIA_USAGES, VARIANT_TYPES } from './variants';

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
				options: [
					{ name: 'Created (Upload Not Completed)', value: 'created' },
					{ name: 'Error', value: 'error' },
					{ name: 'Processing', value: 'processing' },
					{ name: 'Ready', value: 'ready' },
				],
				default: [],
			},
			{
				displayName: 'Usage',
				name: 'usage',
				type: 'options',
				options: [
					{ name: 'Followers', value: 'followers' },
					{ name: 'Mass Messages', value: 'mass_messages' },
					{ name: 'Pay-to-View', value: 'ppv' },
					{ name: 'Subscribers', value: 'subscribers' },
				],
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
	const status = allOf(node, itemIndex, 'Status', filters.status, MEDIA_STATUSES);
	const usage = filters.usage ? requireOneOf(node, itemIndex, 'Usage', filters.usage, MEDIA_USAGES) : undefined;
	const mediaType = filters.mediaType
		? requireOneOf(node, itemIndex, 'Media Type', filters.mediaType, MEDIA_TYPE_OPTIONS.map((o) => o.value))
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
