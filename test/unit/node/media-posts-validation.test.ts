// Bad input to the Media, Vault Folder, Post and Tracking Link operations is refused with a
// NodeOperationError naming the field, before any request leaves. Values come from the input
// item through expressions, as in real workflows.
import type { IDataObject, NodeOperationError } from 'n8n-workflow';

import { runNode } from '../../helpers/n8n-runner';
import { MEDIA_A, credentials, fanvue, forbidAnyRequest, useNock } from './fixtures';

useNock();

const fromItem = (field: string) => `={{ $json.${field} }}`;
const hourFromNow = () => new Date(Date.now() + 3_600_000).toISOString();

async function refused(parameters: object, item: IDataObject = {}) {
	const seen = forbidAnyRequest();
	const result = await runNode({ parameters, credentials, items: [item] });
	expect(seen).toEqual([]);
	expect(result.error?.name).toBe('NodeOperationError');
	return result.error as NodeOperationError;
}

describe('validation before any request', () => {
	it.each([
		['a malformed media UUID', { resource: 'media', operation: 'get', media: { __rl: true, mode: 'uuid', value: fromItem('m') }, variants: ['main'] }, { m: 'pic-1' }, 'Media must be a UUID, got "pic-1"'],
		['an unknown variant', { resource: 'media', operation: 'get', media: { __rl: true, mode: 'uuid', value: MEDIA_A }, variants: fromItem('v') }, { v: ['main', 'huge'] }, 'Variants must be one of blurred, main, thumbnail, thumbnail_gallery, got "huge"'],
		['a malformed purchasedBy', { resource: 'media', operation: 'getMany', returnAll: true, variants: [], filters: { purchasedBy: fromItem('f') } }, { f: 'fan-1' }, 'Purchased By must be a UUID, got "fan-1"'],
		['an unknown media status', { resource: 'media', operation: 'getMany', returnAll: true, variants: [], filters: { status: fromItem('s') } }, { s: ['done'] }, 'Status must be one of created, error, processing, ready, got "done"'],
		['a malformed fan for chat media', { resource: 'media', operation: 'getChatMedia', fan: { __rl: true, mode: 'uuid', value: fromItem('f') }, returnAll: true }, { f: 'x' }, 'Fan must be a UUID, got "x"'],
		['a folder with no name', { resource: 'vaultFolder', operation: 'get', folder: { __rl: true, mode: 'name', value: fromItem('missing') } }, {}, 'Folder is empty'],
		['a new folder with no name', { resource: 'vaultFolder', operation: 'create', name: fromItem('missing') }, {}, 'Name is empty'],
		['a rename with no new name', { resource: 'vaultFolder', operation: 'rename', folder: { __rl: true, mode: 'name', value: 'PPV' }, newName: ' ' }, {}, 'New Name is empty'],
		['adding no media to a folder', { resource: 'vaultFolder', operation: 'addMedia', folder: { __rl: true, mode: 'name', value: 'PPV' }, mediaUuids: fromItem('missing') }, {}, 'Media UUIDs is empty'],
		['adding malformed media to a folder', { resource: 'vaultFolder', operation: 'addMedia', folder: { __rl: true, mode: 'name', value: 'PPV' }, mediaUuids: `${MEDIA_A}, nope` }, {}, 'Media UUIDs must be a UUID, got "nope"'],
		['a post with neither text nor media', { resource: 'post', operation: 'create', audience: 'subscribers', text: '' }, {}, 'The post has no Text or Media UUIDs'],
		['a post for an unknown audience', { resource: 'post', operation: 'create', audience: fromItem('a'), text: 'x' }, { a: 'everyone' }, 'Audience must be one of subscribers, followers-and-subscribers, got "everyone"'],
		['a post price without media', { resource: 'post', operation: 'create', audience: 'subscribers', text: 'x', postFields: { price: 500 } }, {}, 'Price (Cents) needs Media UUIDs'],
		['a post price of 0', { resource: 'post', operation: 'create', audience: 'subscribers', text: 'x', postFields: { mediaUuids: MEDIA_A, price: 0 } }, {}, 'Price (Cents) must be a whole number of cents above 0, got "0"'],
		['a post price in dollars', { resource: 'post', operation: 'create', audience: 'subscribers', text: 'x', postFields: { mediaUuids: MEDIA_A, price: 4.99 } }, {}, 'Price (Cents) must be a whole number of cents above 0, got "4.99"'],
		['a post text over 5000 characters', { resource: 'post', operation: 'create', audience: 'subscribers', text: 'p'.repeat(5001) }, {}, 'Text is 5001 characters long; Fanvue allows at most 5000'],
		['a publication in the past', { resource: 'post', operation: 'create', audience: 'subscribers', text: 'x', postFields: { publishAt: '2020-01-01T00:00:00Z' } }, {}, 'Publish At must be after now, got "2020-01-01T00:00:00Z"'],
		['a publication that is not a date', { resource: 'post', operation: 'create', audience: 'subscribers', text: 'x', postFields: { publishAt: 'tomorrow' } }, {}, 'Publish At is not a date: "tomorrow"'],
		['an expiry before the publication', { resource: 'post', operation: 'create', audience: 'subscribers', text: 'x', postFields: { publishAt: '2999-01-02T00:00:00Z', expiresAt: '2999-01-01T00:00:00Z' } }, {}, 'Expires At must be after Publish At, got "2999-01-01T00:00:00Z"'],
		['a malformed post', { resource: 'post', operation: 'getComments', post: { __rl: true, mode: 'uuid', value: fromItem('p') }, returnAll: true }, { p: 'post-9' }, 'Post must be a UUID, got "post-9"'],
		['a tracking link with no name', { resource: 'trackingLink', operation: 'create', name: fromItem('missing'), externalSocialPlatform: 'tiktok' }, {}, 'Name is empty'],
		['a tracking link for an unknown platform', { resource: 'trackingLink', operation: 'create', name: 'x', externalSocialPlatform: fromItem('p') }, { p: 'myspace' }, 'Social Platform must be one of facebook, instagram, other, reddit, snapchat, tiktok, twitter, youtube, got "myspace"'],
		['a malformed tracking link', { resource: 'trackingLink', operation: 'delete', trackingLink: { __rl: true, mode: 'uuid', value: fromItem('l') } }, { l: 'fv-123' }, 'Tracking Link must be a UUID, got "fv-123"'],
	])('refuses %s', async (_case, parameters, item, message) => {
		const error = await refused(parameters, item);
		expect(error.message).toBe(message);
		expect(error.description).toBeTruthy();
	});

	it('accepts an expiry after a scheduled publication (the check compares with Publish At, not with now)', async () => {
		const publishAt = hourFromNow();
		const expiresAt = new Date(Date.parse(publishAt) + 60_000).toISOString();
		fanvue().post('/posts', { audience: 'subscribers', text: 'x', publishAt, expiresAt }).reply(201, { uuid: 'p' });
		const result = await runNode({
			parameters: { resource: 'post', operation: 'create', audience: 'subscribers', text: 'x', postFields: { publishAt, expiresAt } },
			credentials,
		});
		expect(result.error).toBeUndefined();
	});
});
