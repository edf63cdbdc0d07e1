import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { anyFanLocator } from '../../descriptions/fan';
import { vaultFolderLocator } from '../../descriptions/vaultFolder';
import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { MEDIA_STATUS_OPTIONS, MEDIA_TYPE_OPTIONS, MEDIA_USAGE_OPTIONS, VARIANT_TYPES, variantsField } from '../../descriptions/media';
import { locatorValue } from '../../helpers/locatorValue';
import { allOf, listOf, optionalText, optionalUuid } from '../../helpers/validation';
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
			// Named folderName, as when it was a text field, so that saved workflows keep it.
			{ ...vaultFolderLocator, name: 'folderName', required: false, description: 'Only media in this vault folder' },
			{
				displayName: 'Media Type',
				name: 'mediaType',
				type: 'options',
				options: MEDIA_TYPE_OPTIONS,
				default: 'image',
			},
			// Named purchasedBy, as when it was a UUID field, so that saved workflows keep it.
			{ ...anyFanLocator({ displayName: 'Purchased By', name: 'purchasedBy', description: 'Adds purchasedByFan to each item: whether this fan has bought it' }), required: false },
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
	// Status, Usage and Media Type hold only their options: checked by the router.
	const status = listOf(filters.status);
	const usage = (filters.usage as string | undefined) || undefined;
	const mediaType = (filters.mediaType as string | undefined) || undefined;
	return await fanvueApiRequestPages.call(
		this,
		{
			path: fanvuePath.call(this, itemIndex, '/media', { agencyForm: true }),
			qs: {
				mediaType,
				folderName: optionalText(node, itemIndex, 'Folder', locatorValue(filters.folderName)),
				usage,
				status: status.join(','),
				variants: variants.join(','),
				purchasedBy: optionalUuid(node, itemIndex, 'Purchased By', filters.purchasedBy),
			},
			...itemRequest.call(this, itemIndex),
		},
		readHowMany.call(this, itemIndex),
	);
}
