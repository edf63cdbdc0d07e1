import type { INodeProperties } from 'n8n-workflow';

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

/** Media URLs come only through the variants asked for (Fanvue's rule). */
export const variantsField: INodeProperties = {
	displayName: 'Variants',
	name: 'variants',
	type: 'multiOptions',
	options: [
		{ name: 'Blurred', value: 'blurred' },
		{ name: 'Main', value: 'main' },
		{ name: 'Thumbnail', value: 'thumbnail' },
		{ name: 'Thumbnail Gallery', value: 'thumbnail_gallery' },
	],
	default: ['main', 'thumbnail', 'blurred'],
	description: 'Which renditions to include with their URLs. Fanvue gives media URLs only through variants.',
};
