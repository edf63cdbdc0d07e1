import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { mediaUuidsField, priceField } from '../../descriptions/content';
import { MAX_TEXT_LENGTH, optionalPriceCents, optionalText, requireSomething, uuidList } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['message'], operation: ['sendMass'] };


function listFields(prefix: 'included' | 'excluded'): INodeProperties[] {
	const verb = prefix === 'included' ? 'Send to' : 'Leave out';
	return [
		{
			displayName: `${prefix === 'included' ? 'Included' : 'Excluded'} Smart List Names or IDs`,
			name: `${prefix}SmartLists`,
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getSmartLists' },
			default: [],
			description: `${verb} the members of these smart lists. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		},
		{
			displayName: `${prefix === 'included' ? 'Included' : 'Excluded'} Custom List Names or IDs`,
			name: `${prefix}CustomLists`,
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getCustomLists' },
			default: [],
			description: `${verb} the members of these custom lists. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		},
	];
}

export const description: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. New set is up, check your messages!',
		description: `Up to ${MAX_TEXT_LENGTH} characters. Can be empty when media is sent.`,
		displayOptions: { show },
	},
	...listFields('included').map((field) => ({ ...field, displayOptions: { show } })),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [...listFields('excluded'), mediaUuidsField, priceField],
	},
];

function listIds(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String).filter((v) => v !== '');
	return String(value ?? '')
		.split(',')
		.map((v) => v.trim())
		.filter((v) => v !== '');
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const text = optionalText(node, itemIndex, 'Text', this.getNodeParameter('text', itemIndex, ''));
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const includedSmart = listIds(this.getNodeParameter('includedSmartLists', itemIndex, []));
	const includedCustom = uuidList(node, itemIndex, 'Included Custom Lists', listIds(this.getNodeParameter('includedCustomLists', itemIndex, [])));
	const excludedSmart = listIds(fields.excludedSmartLists);
	const excludedCustom = uuidList(node, itemIndex, 'Excluded Custom Lists', listIds(fields.excludedCustomLists));
	const mediaUuids = uuidList(node, itemIndex, 'Media UUIDs', fields.mediaUuids);
	const price = optionalPriceCents(node, itemIndex, 'Price (Cents)', fields.price);

	requireSomething(
		node,
		itemIndex,
		includedSmart.length + includedCustom.length > 0,
		'A mass message needs at least one included list',
		'Choose at least one list under Included Smart Lists or Included Custom Lists.',
	);
	requireSomething(
		node,
		itemIndex,
		text !== undefined || mediaUuids.length > 0,
		'The mass message has no Text or Media UUIDs',
		'Fill in Text, or add Media UUIDs under Additional Fields.',
	);
	requireSomething(
		node,
		itemIndex,
		price === undefined || mediaUuids.length > 0,
		'Price (Cents) needs Media UUIDs',
		'A price makes media pay-to-view: add the media to lock, or remove the price.',
	);

	const body: IDataObject = {
		includedLists: { smartListUuids: includedSmart, customListUuids: includedCustom },
	};
	if (text !== undefined) body.text = text;
	if (mediaUuids.length) body.mediaUuids = mediaUuids;
	if (price !== undefined) body.price = price;
	if (excludedSmart.length || excludedCustom.length) {
		body.excludedLists = { smartListUuids: excludedSmart, customListUuids: excludedCustom };
	}

	return await fanvueApiRequest.call(this, {
		method: 'POST',
		path: fanvuePath.call(this, itemIndex, '/chats/mass-messages', { agencyForm: true }),
		body,
		...itemRequest.call(this, itemIndex),
	});
}
