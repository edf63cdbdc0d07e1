// Bad input is refused with a NodeOperationError naming the field, before any request leaves.
import type { NodeOperationError } from 'n8n-workflow';

import { runNode } from '../../helpers/n8n-runner';
import { CUSTOM_LIST, FAN, MEDIA_A, credentials, fanvue, forbidAnyRequest, useNock } from './fixtures';

useNock();

const fan = { __rl: true, mode: 'uuid', value: FAN };

async function refused(parameters: object) {
	const seen = forbidAnyRequest();
	// Values come from the input item through expressions, as in real workflows: n8n itself
	// already flags static values that break a field's pattern before the run starts.
	const result = await runNode({ parameters, credentials, items: [{ fan: 'not-a-uuid' }] });
	expect(seen).toEqual([]);
	expect(result.run.status).toBe('error');
	expect(result.error?.name).toBe('NodeOperationError');
	return result.error as NodeOperationError;
}

describe('validation before any request', () => {
	it.each([
		['a malformed fan UUID', { resource: 'message', operation: 'send', fan: { __rl: true, mode: 'uuid', value: '={{ $json.fan }}' }, text: 'x' }, 'Fan must be a UUID, got "not-a-uuid"'],
		['an empty fan from an expression', { resource: 'message', operation: 'getMany', fan: { __rl: true, mode: 'list', value: '={{ $json.missing }}' }, returnAll: true }, 'Fan is empty'],
		['a malformed media UUID', { resource: 'message', operation: 'send', fan, text: 'x', additionalFields: { mediaUuids: `${MEDIA_A}, nope` } }, 'Media UUIDs must be a UUID, got "nope"'],
		['a malformed template UUID', { resource: 'message', operation: 'send', fan, text: 'x', additionalFields: { templateUuid: 'tpl-1' } }, 'Template must be a UUID, got "tpl-1"'],
		['a price that is not whole cents', { resource: 'message', operation: 'send', fan, text: 'x', additionalFields: { mediaUuids: MEDIA_A, price: 4.99 } }, 'Price (Cents) must be a whole number of cents, got "4.99"'],
		['a price below the minimum', { resource: 'message', operation: 'send', fan, text: 'x', additionalFields: { mediaUuids: MEDIA_A, price: 299 } }, "Price (Cents) is 299 cents; Fanvue's minimum is 300 cents"],
		['a price without media', { resource: 'message', operation: 'send', fan, text: 'x', additionalFields: { price: 500 } }, 'Price (Cents) needs Media UUIDs'],
		['text over 5000 characters', { resource: 'message', operation: 'send', fan, text: 'a'.repeat(5001) }, 'Text is 5001 characters long; Fanvue allows at most 5000'],
		['a message with no text, media or template', { resource: 'message', operation: 'send', fan, text: '' }, 'The message has no Text, Media UUIDs or Template'],
		['a mass message with no included list', { resource: 'message', operation: 'sendMass', text: 'Hi all' }, 'A mass message needs at least one included list'],
		['a mass message with no content', { resource: 'message', operation: 'sendMass', text: '', includedSmartLists: ['subscribers'] }, 'The mass message has no Text or Media UUIDs'],
		['a mass message with a malformed custom list', { resource: 'message', operation: 'sendMass', text: 'x', includedCustomLists: ['list-1'] }, 'Included Custom Lists must be a UUID, got "list-1"'],
		['a mass message over 5000 characters', { resource: 'message', operation: 'sendMass', text: 'b'.repeat(5001), includedCustomLists: [CUSTOM_LIST] }, 'Text is 5001 characters long; Fanvue allows at most 5000'],
		['a chat filter with a malformed custom list', { resource: 'chat', operation: 'getMany', returnAll: true, filters: { customListId: 'abc' } }, 'Custom List must be a UUID, got "abc"'],
		['a chat update with no field', { resource: 'chat', operation: 'update', fan, updateFields: {} }, 'The chat update has no Read, Muted or Nickname'],
		['a chat update with a malformed fan', { resource: 'chat', operation: 'update', fan: { __rl: true, mode: 'uuid', value: '={{ $json.fan }}' }, updateFields: { isRead: true } }, 'Fan must be a UUID, got "not-a-uuid"'],
		['a nickname over 30 characters', { resource: 'chat', operation: 'update', fan, updateFields: { nickname: 'n'.repeat(31) } }, 'Nickname is 31 characters long; Fanvue allows at most 30'],
		['a new custom list with no name', { resource: 'customList', operation: 'create', name: '={{ "   " }}' }, 'Name is empty'],
		['a rename with a malformed list', { resource: 'customList', operation: 'rename', customList: '={{ $json.fan }}', name: 'x' }, 'Custom List must be a UUID, got "not-a-uuid"'],
		['a rename with no name', { resource: 'customList', operation: 'rename', customList: CUSTOM_LIST, name: '={{ $json.missing }}' }, 'New Name is empty'],
		['a delete with no list', { resource: 'customList', operation: 'delete', customList: '={{ $json.missing }}' }, 'Custom List is empty'],
		['members of a malformed list', { resource: 'customList', operation: 'getMembers', customList: 'list-1', returnAll: true }, 'Custom List must be a UUID, got "list-1"'],
		['adding no fans', { resource: 'customList', operation: 'addMembers', customList: CUSTOM_LIST, fanUuids: '={{ $json.missing }}' }, 'Fan UUIDs is empty'],
		['adding a malformed fan', { resource: 'customList', operation: 'addMembers', customList: CUSTOM_LIST, fanUuids: `${FAN}, nope` }, 'Fan UUIDs must be a UUID, got "nope"'],
		['adding over 100 fans', { resource: 'customList', operation: 'addMembers', customList: CUSTOM_LIST, fanUuids: Array(101).fill(FAN).join(',') }, 'Fan UUIDs holds 101 fans; Fanvue adds at most 100 at once'],
		['removing a malformed fan', { resource: 'customList', operation: 'removeMember', customList: CUSTOM_LIST, fan: { __rl: true, mode: 'uuid', value: '={{ $json.fan }}' } }, 'Fan must be a UUID, got "not-a-uuid"'],
		['removing from a malformed list', { resource: 'customList', operation: 'removeMember', customList: 'abc', fan }, 'Custom List must be a UUID, got "abc"'],
		['a malformed template', { resource: 'template', operation: 'get', template: '={{ $json.fan }}' }, 'Template must be a UUID, got "not-a-uuid"'],
		['an earnings source Fanvue does not know', { resource: 'insight', operation: 'getEarnings', returnAll: true, filters: { source: '={{ ["tip", "gifts"] }}' } }, 'Sources must be one of affiliate, all, giveaway, mediaLink, message, post, referral, renewal, subscription, tip, got "gifts"'],
		['a chat filter Fanvue does not know', { resource: 'chat', operation: 'getMany', returnAll: true, sortBy: 'most_recent_messages', filters: { filter: '={{ "unread,starred" }}' } }, 'Only must be one of exclude_creators, followers, has_tipped, not_answered, not_muted, on_free_trial, online, recent_subscribers, spenders, spent_more_than_50, subscribed_to, subscribers, unread, got "starred"'],
		['a chat sort Fanvue does not know', { resource: 'chat', operation: 'getMany', returnAll: true, sortBy: '={{ "newest" }}' }, 'Sort By must be one of most_recent_messages, most_unanswered_chats, online_now, got "newest"'],
		['an earnings filter that is not a date', { resource: 'insight', operation: 'getEarnings', returnAll: true, filters: { startDate: 'yesterday' } }, 'From is not a date: "yesterday"'],
	])('refuses %s', async (_case, parameters, message) => {
		const error = await refused(parameters);
		expect(error.message).toBe(message);
		expect(error.description).toBeTruthy();
	});

	it('accepts a nickname of exactly 30 characters', async () => {
		fanvue().patch(`/chats/${FAN}`, { nickname: 'n'.repeat(30) }).reply(204);
		const result = await runNode({
			parameters: { resource: 'chat', operation: 'update', fan, updateFields: { nickname: 'n'.repeat(30) } },
			credentials,
		});
		expect(result.error).toBeUndefined();
	});

	it('accepts exactly 5000 characters and exactly the minimum price', async () => {
		fanvue()
			.post(`/chats/${FAN}/message`, { text: 'a'.repeat(5000), mediaUuids: [MEDIA_A], price: 300 })
			.reply(201, { messageUuid: 'm1' });
		const result = await runNode({
			parameters: { resource: 'message', operation: 'send', fan, text: 'a'.repeat(5000), additionalFields: { mediaUuids: [MEDIA_A], price: 300 } },
			credentials,
		});
		expect(result.error).toBeUndefined();
	});
});
