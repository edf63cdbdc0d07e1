import { uuidLocator } from './uuidLocator';

/** The custom list an operation is about: picked from the account's lists, or given by UUID. */
export const customListLocator = uuidLocator({
	displayName: 'Custom List',
	name: 'customList',
	description: 'The custom list to use',
	searchListMethod: 'searchCustomLists',
	placeholder: 'Select a custom list...',
});
