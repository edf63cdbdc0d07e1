/** The values Fanvue documents for media filters. */
export const VARIANT_TYPES = ['blurred', 'main', 'thumbnail', 'thumbnail_gallery'];
export const MEDIA_STATUSES = ['created', 'processing', 'ready', 'error'];
export const MEDIA_USAGES = ['subscribers', 'followers', 'ppv', 'mass_messages'];
