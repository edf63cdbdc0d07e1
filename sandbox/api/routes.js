'use strict';
// Every API route with the scopes Fanvue documents for it. Order matters only where a
// literal segment could be read as a parameter (literal routes come first).
const { Router } = require('../http/router');
const users = require('./users');
const chats = require('./chats');
const messages = require('./messages');
const mass = require('./mass-messages');
const templates = require('./templates');
const smart = require('./lists-smart');
const custom = require('./lists-custom');
const fans = require('./fans');
const insights = require('./insights');
const media = require('./media');
const subs = require('./webhook-subscriptions');
const uploads = require('./uploads');
const vault = require('./vault');
const posts = require('./posts');
const trackingLinks = require('./tracking-links');
const creators = require('./creators');

const router = new Router();
const route = (method, path, scopes, handler, extra = {}) => router.add(method, path, { scopes, handler, ...extra });
/** The agency form of a route: the same handler on the managed creator's own data. */
const agencyRoute = (method, path, scopes, handler, extra = {}) =>
	route(method, `/creators/:creatorUserUuid${path}`, scopes, creators.asManagedCreator(handler), extra);

route('GET', '/users/me', ['read:self'], users.getMe);

route('GET', '/chats', ['read:chat'], chats.listChats);
route('POST', '/chats', ['write:chat'], chats.createChat);
route('GET', '/chats/unread', ['read:chat'], chats.unreadCounts);
route('POST', '/chats/statuses', ['read:chat'], chats.onlineStatuses);
route('POST', '/chats/mass-messages', ['write:chat', 'read:fan'], mass.sendMassMessage, { isSend: true });

route('GET', '/chats/templates', ['read:chat'], templates.listTemplates);
route('GET', '/chats/templates/:templateUuid', ['read:chat'], templates.getTemplate);

route('GET', '/chats/lists/smart', ['read:chat', 'read:fan'], smart.listSmartLists);
route('GET', '/chats/lists/smart/:uuid', ['read:chat', 'read:fan'], smart.smartListMembers);

route('GET', '/chats/lists/custom', ['read:chat', 'read:fan'], custom.listCustomLists);
route('POST', '/chats/lists/custom', ['write:chat'], custom.createCustomList);
route('GET', '/chats/lists/custom/:uuid', ['read:chat', 'read:fan'], custom.customListMembers);
route('PATCH', '/chats/lists/custom/:uuid', ['write:chat'], custom.renameCustomList);
route('DELETE', '/chats/lists/custom/:uuid', ['write:chat'], custom.deleteCustomList);
route('POST', '/chats/lists/custom/:uuid/members', ['write:chat'], custom.addMembers);
route('DELETE', '/chats/lists/custom/:uuid/members/:userUuid', ['write:chat'], custom.removeMember);

route('PATCH', '/chats/:userUuid', ['write:chat'], chats.updateChat);
route('GET', '/chats/:userUuid/media', ['read:chat'], chats.chatMedia);
route('GET', '/chats/:userUuid/messages', ['read:chat'], messages.listMessages);
route('POST', '/chats/:userUuid/message', ['write:chat'], messages.sendMessage, { isSend: true });
route('DELETE', '/chats/:userUuid/messages/:messageUuid', ['write:chat'], messages.deleteMessage);

route('GET', '/subscribers', ['read:fan'], fans.listSubscribers);
route('GET', '/followers', ['read:fan'], fans.listFollowers);

route('GET', '/insights/earnings', ['read:insights'], insights.earnings);
route('GET', '/insights/subscribers', ['read:insights'], insights.subscribersCount);
route('GET', '/insights/top-spenders', ['read:insights', 'read:fan'], insights.topSpenders);
route('GET', '/insights/fans/:userUuid', ['read:insights', 'read:fan'], insights.fanInsights);

route('GET', '/media', ['read:media'], media.listMedia);
route('POST', '/media/uploads', ['write:media'], uploads.createUploadSession);
route('GET', '/media/uploads/:uploadId/parts/:partNumber/url', ['write:media'], uploads.partUrl);
route('PATCH', '/media/uploads/:uploadId', ['write:media'], uploads.completeUpload);
route('GET', '/media/:uuid', ['read:media'], media.getMedia);

route('GET', '/vault/folders', ['read:media'], vault.listFolders);
route('POST', '/vault/folders', ['write:media'], vault.createFolder);
route('GET', '/vault/folders/:folderName', ['read:media'], vault.getFolder);
route('PATCH', '/vault/folders/:folderName', ['write:media'], vault.renameFolder);
route('DELETE', '/vault/folders/:folderName', ['write:media'], vault.deleteFolder);
route('GET', '/vault/folders/:folderName/media', ['read:media'], vault.folderMedia);
route('POST', '/vault/folders/:folderName/media', ['write:media'], vault.addFolderMedia);
route('DELETE', '/vault/folders/:folderName/media/:mediaUuid', ['write:media'], vault.removeFolderMedia);

route('GET', '/posts', ['read:post'], posts.listPosts);
route('POST', '/posts', ['write:post'], posts.createPost);
route('GET', '/posts/:uuid', ['read:post'], posts.getPost);
route('GET', '/posts/:uuid/comments', ['read:post'], posts.postComments);
route('GET', '/posts/:uuid/likes', ['read:post'], posts.postLikes);
route('GET', '/posts/:uuid/tips', ['read:post'], posts.postTips);

route('GET', '/tracking-links', ['read:tracking_links'], trackingLinks.listTrackingLinks);
route('POST', '/tracking-links', ['write:tracking_links'], trackingLinks.createTrackingLink);
route('DELETE', '/tracking-links/:uuid', ['write:tracking_links'], trackingLinks.deleteTrackingLink);
// Agency: the scopes are those Fanvue documents for each /creators/{creatorUserUuid}/... page.
route('GET', '/creators', ['read:creator'], creators.listCreators);
agencyRoute('GET', '/chats', ['read:creator', 'read:chat'], creators.pagesOnly(chats.listChats));
agencyRoute('POST', '/chats', ['write:chat', 'read:creator'], chats.createChat);
agencyRoute('POST', '/chats/mass-messages', ['write:chat', 'read:creator', 'read:fan'], mass.sendMassMessage, { isSend: true });
agencyRoute('GET', '/chats/lists/smart', ['read:creator', 'read:chat', 'read:fan'], smart.listSmartLists);
agencyRoute('GET', '/chats/lists/smart/:uuid', ['read:creator', 'read:chat', 'read:fan'], smart.smartListMembers);
agencyRoute('GET', '/chats/lists/custom', ['read:creator', 'read:chat', 'read:fan'], creators.pagesOnly(custom.listCustomLists));
agencyRoute('GET', '/chats/lists/custom/:uuid', ['read:creator', 'read:chat', 'read:fan'], custom.customListMembers);
agencyRoute('GET', '/chats/:userUuid/media', ['read:creator', 'read:chat'], chats.chatMedia);
agencyRoute('GET', '/chats/:userUuid/messages', ['read:creator', 'read:chat'], messages.listMessages);
agencyRoute('POST', '/chats/:userUuid/message', ['write:chat', 'read:creator'], messages.sendMessage, { isSend: true });
agencyRoute('GET', '/subscribers', ['read:creator', 'read:fan'], fans.listSubscribers);
agencyRoute('GET', '/followers', ['read:creator', 'read:fan'], fans.listFollowers);
agencyRoute('GET', '/insights/earnings', ['read:creator', 'read:insights'], insights.earnings);
agencyRoute('GET', '/insights/subscribers', ['read:creator', 'read:insights'], insights.subscribersCount);
agencyRoute('GET', '/insights/top-spenders', ['read:creator', 'read:insights', 'read:fan'], insights.topSpenders);
agencyRoute('GET', '/media', ['read:creator', 'read:media'], media.listMedia);
// Fanvue's page for the creator's upload session shows another page's method and path by
// mistake; its name ("create creator upload session") and the rest of the flow say this one.
agencyRoute('POST', '/media/uploads', ['write:creator', 'write:media'], uploads.createUploadSession);
agencyRoute('GET', '/media/uploads/:uploadId/parts/:partNumber/url', ['write:creator', 'write:media'], uploads.partUrl);
agencyRoute('PATCH', '/media/uploads/:uploadId', ['write:creator', 'write:media'], uploads.completeUpload);
agencyRoute('GET', '/media/:uuid', ['read:creator', 'read:media'], media.getMedia);
agencyRoute('POST', '/posts', ['write:post', 'write:creator'], posts.createPost);
agencyRoute('GET', '/tracking-links', ['read:tracking_links', 'read:creator'], trackingLinks.listTrackingLinks);
// The same mistake on "create creator tracking link": it shows the list's GET.
agencyRoute('POST', '/tracking-links', ['write:tracking_links', 'write:creator'], trackingLinks.createTrackingLink);
agencyRoute('DELETE', '/tracking-links/:uuid', ['write:tracking_links', 'write:creator'], trackingLinks.deleteTrackingLink);

route('POST', '/webhooks/subscriptions', ['read:creator'], subs.createSubscription);
route('GET', '/webhooks/subscriptions', ['read:creator'], subs.listSubscriptions);
route('DELETE', '/webhooks/subscriptions/:uuid', ['read:creator'], subs.deleteSubscription);

module.exports = { router, route, agencyRoute };
