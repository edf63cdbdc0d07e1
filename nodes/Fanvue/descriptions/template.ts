import { uuidLocator } from './uuidLocator';

/** A saved message template: picked from the account's templates, or given by UUID. */
export const templateLocator = uuidLocator({
	displayName: 'Template',
	name: 'template',
	description: 'The saved message template to use',
	searchListMethod: 'searchTemplates',
	placeholder: 'Select a template...',
});
