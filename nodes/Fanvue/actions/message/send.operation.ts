import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { mediaUuidsField, priceField } from '../../descriptions/content';
import { fanLocator } from '../../descriptions/fan';
import { templateLocator } from '../../descriptions/template';
import { MAX_TEXT_LENGTH, optionalPriceCents, optionalText, optionalUuid, requireSomething, requireUuid, uuidList } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['message'], operation: ['send'] };

export const description: INodeProperties[] = [
	{ ...fanLocator, displayOptions: { show } },
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. Thanks for the message!',
		description: `Up to ${MAX_TEXT_LENGTH} characters. Can be empty when media or a template is sent.`,
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			mediaUuidsField,
			priceField,
			// Named templateUuid, as when it was a dropdown, so that saved workflows still send theirs.
			{ ...templateLocator, name: 'templateUuid', required: false, description: 'A saved message template to send' },
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const fanUuid = requireUuid(node, itemIndex, 'Fan', this.getNodeParameter('fan', itemIndex, '', { extractValue: true }));
	const text = optionalText(node, itemIndex, 'Text', this.getNodeParameter('text', itemIndex, ''));
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const mediaUuids = uuidList(node, itemIndex, 'Media UUIDs', fields.mediaUuids);
	const price = optionalPriceCents(node, itemIndex, 'Price (Cents)', fields.price);
	const templateUuid = optionalUuid(node, itemIndex, 'Template', fields.templateUuid);

	requireSomething(
		node,
		itemIndex,
		text !== undefined || mediaUuids.length > 0 || templateUuid !== undefined,
		'The message has no Text, Media UUIDs or Template',
		'Fill in Text, or add Media UUIDs or a Template under Additional Fields.',
	);
	requireSomething(
		node,
		itemIndex,
		price === undefined || mediaUuids.length > 0,
		'Price (Cents) needs Media UUIDs',
		'A price makes media pay-to-view: add the media to lock, or remove the price.',
	);

	const body: IDataObject = { text, mediaUuids: mediaUuids.length ? mediaUuids : undefined, price, templateUuid };
	for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];

	const response = await fanvueApiRequest.call(this, {
		method: 'POST',
		path: fanvuePath.call(this, itemIndex, `/chats/${fanUuid}/message`, { agencyForm: true }),
		body,
		...itemRequest.call(this, itemIndex),
	});
	return { ...response, fanUuid };
}
