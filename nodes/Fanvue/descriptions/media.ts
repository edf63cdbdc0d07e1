import type { INodeProperties } from 'n8n-workflow';

import { valuesOf } from '../helpers/validation';
import { uuidLocator } from './uuidLocator';

/** A media item of the vault. */
export const mediaLocator: INodeProperties = uuidLocator({
	displayName: 'Media',
	name: 'media',
	description: 'The media item (From List searches your vault by name)',
	searchListMethod: 'searchMedia',
	placeholder: 'Select media...',
});

export const MEDIA_TYPE_OPTIONS = [
	{ name: 'Audio', value: 'audio' },
	{ name: 'Document', value: 'document' },
	{ name: 'Image', value: 'image' },
	{ name: 'Video', value: 'video' },
];

export const MEDIA_STATUS_OPTIONS = [
	{ name: 'Created (Upload Not Completed)', value: 'created' },
	{ name: 'Error', value: 'error' },
	{ name: 'Processing', value: 'processing' },
	{ name: 'Ready', value: 'ready' },
];

export const MEDIA_USAGE_OPTIONS = [
	{ name: 'Followers', value: 'followers' },
	{ name: 'Mass Messages', value: 'mass_messages' },
	{ name: 'Pay-to-View', value: 'ppv' },
	{ name: 'Subscribers', value: 'subscribers' },
];

const VARIANT_OPTIONS = [
	{ name: 'Blurred', value: 'blurred' },
	{ name: 'Main', value: 'main' },
	{ name: 'Thumbnail', value: 'thumbnail' },
	{ name: 'Thumbnail Gallery', value: 'thumbnail_gallery' },
];

export const VARIANT_TYPES = valuesOf(VARIANT_OPTIONS);

/** Media URLs come only through the variants asked for (Fanvue's rule). */
export const variantsField: INodeProperties = {
	displayName: 'Variants',
	name: 'variants',
	type: 'multiOptions',
	options: VARIANT_OPTIONS,
	default: ['main', 'thumbnail', 'blurred'],
	description: 'Which renditions to include with their URLs. Fanvue gives media URLs only through variants.',
};
