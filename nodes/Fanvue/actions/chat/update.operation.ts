import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fanLocator } from '../../descriptions/fan';
import { MAX_NICKNAME_LENGTH, nickname, requireSomething, requireUuid } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['chat'], operation: ['update'] };

export const description: INodeProperties[] = [
	{ ...fanLocator, displayOptions: { show } },
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Muted',
				name: 'isMuted',
				type: 'boolean',
				default: true,
				description: 'Whether the chat is muted',
			},
			{
				displayName: 'Nickname',
				name: 'nickname',
				type: 'string',
				default: '',
				placeholder: 'e.g. Alex from Berlin',
				description: `The creator's own name for the fan, shown in the chat. Up to ${MAX_NICKNAME_LENGTH} characters.`,
			},
			{
				displayName: 'Read',
				name: 'isRead',
				type: 'boolean',
				default: true,
				description: 'Whether the chat is marked as read (on) or unread (off)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const fanUuid = requireUuid(node, itemIndex, 'Fan', this.getNodeParameter('fan', itemIndex, '', { extractValue: true }));
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;

	const updated: IDataObject = {};
	if (fields.isRead !== undefined) updated.isRead = fields.isRead === true;
	if (fields.isMuted !== undefined) updated.isMuted = fields.isMuted === true;
	if (fields.nickname !== undefined) updated.nickname = nickname(node, itemIndex, 'Nickname', fields.nickname);

	requireSomething(
		node,
		itemIndex,
		Object.keys(updated).length > 0,
		'The chat update has no Read, Muted or Nickname',
		'Add at least one field under Update Fields.',
	);

	// Fanvue answers 204 with no body: the output says what was changed.
	await fanvueApiRequest.call(this, {
		method: 'PATCH',
		path: fanvuePath.call(this, itemIndex, `/chats/${fanUuid}`, { agencyForm: false }),
		body: updated,
		...itemRequest.call(this, itemIndex),
	});
	return { fanUuid, updated };
}
