import type { INodeProperties } from 'n8n-workflow';

import { uuidLocator } from './uuidLocator';

export const trackingLinkLocator: INodeProperties = uuidLocator({
	displayName: 'Tracking Link',
	name: 'trackingLink',
	description: 'The tracking link (From List searches your links by name)',
	searchListMethod: 'searchTrackingLinks',
	placeholder: 'Select a tracking link...',
});

export const SOCIAL_PLATFORM_OPTIONS = [
	{ name: 'Facebook', value: 'facebook' },
	{ name: 'Instagram', value: 'instagram' },
	{ name: 'Other', value: 'other' },
	{ name: 'Reddit', value: 'reddit' },
	{ name: 'Snapchat', value: 'snapchat' },
	{ name: 'TikTok', value: 'tiktok' },
	{ name: 'Twitter', value: 'twitter' },
	{ name: 'YouTube', value: 'youtube' },
];
