import { uuidLocator } from './uuidLocator';

/** The fan a chat operation is about: picked from the account's chats, or given by UUID. */
export const fanLocator = uuidLocator({
	displayName: 'Fan',
	name: 'fan',
	description: 'The fan whose chat to use',
	searchListMethod: 'searchChats',
	placeholder: 'Select a fan...',
});

/**
 * Any fan of the account, with a chat or without (subscribers, then followers): for operations
 * about a fan who may have no chat yet. `name` keeps each operation's saved parameter name.
 */
export const anyFanLocator = (spec: { displayName: string; name: string; description: string }) =>
	uuidLocator({ ...spec, searchListMethod: 'searchFans', placeholder: 'Select a fan...' });
