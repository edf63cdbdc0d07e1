import { uuidLocator } from './uuidLocator';

/** The fan a chat operation is about: picked from the account's chats, or given by UUID. */
export const fanLocator = uuidLocator({
	displayName: 'Fan',
	name: 'fan',
	description: 'The fan whose chat to use',
	searchListMethod: 'searchChats',
	placeholder: 'Select a fan...',
});
