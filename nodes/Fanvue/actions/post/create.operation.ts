import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { mediaUuidsField } from '../../descriptions/content';
import {
	MAX_TEXT_LENGTH,
	optionalDateAfter,
	optionalPositiveCents,
	optionalText,
	requireOneOf,
	requireSomething,
	uuidList,
} from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['post'], operation: ['create'] };
const AUDIENCES = ['subscribers', 'followers-and-subscribers'];

export const description: INodeProperties[] = [
	{
		displayName: 'Audience',
		name: 'audience',
		type: 'options',
		options: [
			{ name: 'Subscribers', value: 'subscribers' },
			{ name: 'Followers and Subscribers', value: 'followers-and-subscribers' },
		],
		default: 'subscribers',
		description: 'Who can see the post',
		displayOptions: { show },
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: `Up to ${MAX_TEXT_LENGTH} characters. Can be empty when the post has media.`,
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'postFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Expires At',
				name: 'expiresAt',
				type: 'dateTime',
				default: '',
				description: 'When the post disappears; after the publication',
			},
			{ ...mediaUuidsField, description: 'Comma-separated UUIDs of ready media (e.g. from Upload), or an array from an expression' },
			{
				displayName: 'Price (Cents)',
				name: 'price',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 500,
				description: 'Makes the post pay-to-view. In cents: 499 is $4.99. Needs media.',
			},
			{
				displayName: 'Publish At',
				name: 'publishAt',
				type: 'dateTime',
				default: '',
				description: 'Schedule the post for this future date-time (published at once when empty)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const audience = requireOneOf(node, itemIndex, 'Audience', this.getNodeParameter('audience', itemIndex, ''), AUDIENCES);
	const text = optionalText(node, itemIndex, 'Text', this.getNodeParameter('text', itemIndex, ''));
	const fields = this.getNodeParameter('postFields', itemIndex, {}) as IDataObject;
	const mediaUuids = uuidList(node, itemIndex, 'Media UUIDs', fields.mediaUuids);
	const price = optionalPositiveCents(node, itemIndex, 'Price (Cents)', fields.price);
	const now = new Date();
	const timeZone = this.getTimezone();
	const publishAt = optionalDateAfter(node, itemIndex, 'Publish At', fields.publishAt, now, 'now', timeZone);
	const expiresAt = optionalDateAfter(
		node,
		itemIndex,
		'Expires At',
		fields.expiresAt,
		publishAt ? new Date(publishAt) : now,
		publishAt ? 'Publish At' : 'now',
		timeZone,
	);
	requireSomething(node, itemIndex, text !== undefined || mediaUuids.length > 0, 'The post has no Text or Media UUIDs', 'Fill in Text, or add Media UUIDs under Additional Fields.');
	requireSomething(
		node,
		itemIndex,
		price === undefined || mediaUuids.length > 0,
		'Price (Cents) needs Media UUIDs',
		'A price makes media pay-to-view: add the media to lock, or remove the price.',
	);

	const body: IDataObject = { audience, text, mediaUuids: mediaUuids.length ? mediaUuids : undefined, price, publishAt, expiresAt };
	for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
	return await fanvueApiRequest.call(this, {
		method: 'POST',
		path: fanvuePath.call(this, itemIndex, '/posts', { agencyForm: true }),
		body,
		...itemRequest.call(this, itemIndex),
	});
}
