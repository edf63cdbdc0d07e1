'use strict';
// The HTML consent page shown by GET /oauth2/auth when autoApprove is off. A plain form so
// a test can "click" Approve with one POST to /oauth2/auth/consent.
const { escapeHtml } = require('./http/util');

function consentPage({ challenge, clientId, scopes, creator }) {
	const items = scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('');
	return `<!doctype html>
<html><head><meta charset="utf-8"><title>Fanvue sandbox - authorize</title></head>
<body>
<h1>Authorize application</h1>
<p>The app <strong>${escapeHtml(clientId)}</strong> wants to access the account
<strong>${escapeHtml(creator.displayName)}</strong> (@${escapeHtml(creator.handle)}) with these scopes:</p>
<ul id="scopes">${items}</ul>
<form method="post" action="/oauth2/auth/consent">
<input type="hidden" name="consent_challenge" value="${escapeHtml(challenge)}">
<button type="submit" name="decision" value="approve" id="approve">Approve</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</form>
</body></html>`;
}

function errorPage(status, error, description) {
	return `<!doctype html><html><head><meta charset="utf-8"><title>${status} ${escapeHtml(error)}</title></head>
<body><h1>${escapeHtml(error)}</h1><p id="error_description">${escapeHtml(description)}</p></body></html>`;
}

module.exports = { consentPage, errorPage };
